import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseDbDate } from '../../db/db-time';
import { parseTransactionDetails } from '../domain/details';
import type { LedgerAccount } from './account';
import { dbSeconds } from './sql';
import { loadTransferRoles } from '../../transfers/roles';
import type { SnapshotTransaction, TransactionSnapshot } from './transactions';

/**
 * Transfers in transit at the window's end: created before it and, at that instant, not yet
 * completed (still IN_TRANSIT now, or COMPLETED only later). They are listed apart and never
 * counted in the balances.
 */
export interface PendingTransfer {
  transactionId: number;
  type: 'DEPOSIT' | 'WITHDRAWL';
  status: string;
  created: Date;
  /** Set when it completed after the window's end. */
  completed: Date | null;
  amount: string;
  currency: string;
  fee: string | null;
  feeCurrency: string | null;
  notes: string | null;
  /** "Wire from BMO_USD" when it is one leg of a transfer between our accounts. */
  transfer: string | null;
}

const LIMIT = 500;

export async function listPendingTransfers(
  pool: Pool,
  account: LedgerAccount,
  end: number,
  snapshot?: Promise<TransactionSnapshot | null>,
): Promise<PendingTransfer[]> {
  if (account.exchangeIds.length === 0) return [];
  const snap = await snapshot;
  if (snap) return pendingFromSnapshot(snap, end);
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT x.\`transaction_id\` AS id, x.\`transaction_type\` AS type, x.\`transaction_status\` AS status,
       x.\`time_created\` AS created, x.\`time_completed\` AS completed, x.\`amount\` AS amount,
       x.\`amount_currency\` AS cur, x.\`fee\` AS fee, x.\`fee_currency\` AS feeCur, x.\`transaction_details\` AS details
     FROM \`transaction\` x
     WHERE x.\`exchange_id\` IN (?) AND x.\`time_created\` < ?
       AND (x.\`transaction_status\` = 'IN_TRANSIT'
            OR (x.\`transaction_status\` = 'COMPLETED' AND x.\`time_completed\` >= ?))
     ORDER BY x.\`time_created\` DESC, x.\`transaction_id\` DESC LIMIT ?`,
    [account.exchangeIds, dbSeconds(end), dbSeconds(end), LIMIT],
  );
  const roles = rows.length > 0 ? await loadTransferRoles(pool) : null;
  return rows.map((r) => ({
    transactionId: Number(r.id),
    type: String(r.type).toUpperCase() === 'DEPOSIT' ? 'DEPOSIT' : 'WITHDRAWL',
    status: String(r.status),
    created: parseDbDate(r.created) as Date,
    completed: r.status === 'COMPLETED' ? parseDbDate(r.completed) : null,
    amount: r.amount ?? '0',
    currency: String(r.cur ?? '?').toUpperCase(),
    fee: r.fee,
    feeCurrency: r.feeCur,
    notes: parseTransactionDetails(r.details).notes,
    transfer: roles?.get(Number(r.id))?.label ?? null,
  }));
}

const dbSecondsOf = (v: string) => Date.parse(`${v.replace(' ', 'T')}Z`) / 1000;

/** The query above on the request's transactions (queries/transactions.ts). */
function pendingFromSnapshot(snap: TransactionSnapshot, end: number): PendingTransfer[] {
  const pending = (t: SnapshotTransaction) =>
    dbSecondsOf(t.created) < end &&
    (t.inTransit ||
      (t.completed && t.timeCompleted !== null && dbSecondsOf(t.timeCompleted) >= end));
  return snap.all
    .filter(pending)
    .sort((a, b) => dbSecondsOf(b.created) - dbSecondsOf(a.created) || b.id - a.id)
    .slice(0, LIMIT)
    .map((t) => ({
      transactionId: t.id,
      type: String(t.rawType).toUpperCase() === 'DEPOSIT' ? 'DEPOSIT' : 'WITHDRAWL',
      status: String(t.status),
      created: parseDbDate(t.created) as Date,
      completed: t.status === 'COMPLETED' ? parseDbDate(t.timeCompleted) : null,
      amount: t.amount ?? '0',
      currency: String(t.amountCurrency ?? '?').toUpperCase(),
      fee: t.fee,
      feeCurrency: t.feeCurrency,
      notes: parseTransactionDetails(t.details).notes,
      transfer: snap.roles.get(t.id)?.label ?? null,
    }));
}
