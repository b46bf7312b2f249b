import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { TransferRole } from '../../transfers/domain/role';
import { loadTransferRoles } from '../../transfers/roles';
import type { TransactionSums } from '../domain/totals';
import type { LedgerKey, LedgerRowType, TransactionItem } from '../domain/types';
import type { LedgerAccount } from './account';
import { TX_DRIFT_SQL, TX_FEE_CURRENCY_SQL, TX_TIME_SQL, TX_TYPE_SQL } from './sql';

/**
 * The account's transactions read once per request (ledger page and API): the rows, the
 * balances, the window's totals, the audit's and the cached balance's totals, the gap sums
 * and the pending list each read the `transaction` table again otherwise (it has no index but
 * the primary key and exchange_id, so each read walks every transaction of the account and
 * evaluates its JSON details: 50-150 ms each on a busy account, up to ten per page).
 *
 * Every classification the SQL makes is made here by the same SQL, in the one read (type,
 * drift, fee currency, status comparisons, fee <> 0), so the answers are those of the queries
 * they replace; what is left to JavaScript is ranges, order and sums (exact, fixed point).
 * The currency filter compares as the column's collation does (case and trailing spaces
 * ignored), as `x.amount_currency = ?` did.
 *
 * Accounts with more than SNAPSHOT_LIMIT transactions (completed or in transit) get null:
 * their pages keep the per-query reads.
 */
export const SNAPSHOT_LIMIT = 20_000;

export interface SnapshotTransaction {
  id: number;
  /** TX_TYPE_SQL. */
  type: 'DEPOSIT' | 'WITHDRAWL';
  /** TX_DRIFT_SQL. */
  drift: boolean;
  /** TX_TIME_SQL, unix seconds. */
  time: number;
  /** transaction_status = 'COMPLETED' / 'IN_TRANSIT', as SQL compares them. */
  completed: boolean;
  inTransit: boolean;
  amount: string | null;
  amountCurrency: string | null;
  fee: string | null;
  /** As stored, and TX_FEE_CURRENCY_SQL. */
  feeCurrency: string | null;
  sumFeeCurrency: string | null;
  /** x.fee <> 0 (false for NULL). */
  feeNonzero: boolean;
  details: string | null;
  rawType: string | null;
  status: string | null;
  created: string;
  timeCompleted: string | null;
}

export interface TransactionSnapshot {
  /** The completed ones, in (time, id) order: the ledger's transaction items. */
  completed: SnapshotTransaction[];
  /** Completed and in transit, by id (the pending list). */
  all: SnapshotTransaction[];
  roles: ReadonlyMap<number, TransferRole>;
}

const toSeconds = (v: string) => Date.parse(`${String(v).replace(' ', 'T')}Z`) / 1000;

/** The snapshot, or null when the account has too many transactions (or none to read). */
export async function readTransactionSnapshot(
  pool: Pool,
  account: LedgerAccount,
): Promise<TransactionSnapshot | null> {
  if (account.exchangeIds.length === 0) return null;
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT x.\`transaction_id\` AS id, ${TX_TYPE_SQL} AS type, ${TX_DRIFT_SQL} AS drift, ${TX_TIME_SQL} AS time,
       x.\`transaction_status\` = 'COMPLETED' AS done, x.\`transaction_status\` = 'IN_TRANSIT' AS transit,
       x.\`amount\` AS amount, x.\`amount_currency\` AS amountCur, x.\`fee\` AS fee, x.\`fee_currency\` AS feeCur,
       ${TX_FEE_CURRENCY_SQL} AS sumFeeCur, COALESCE(x.\`fee\` <> 0, 0) AS feeNonzero,
       x.\`transaction_details\` AS details, x.\`transaction_type\` AS rawType, x.\`transaction_status\` AS status,
       x.\`time_created\` AS created, x.\`time_completed\` AS timeCompleted
     FROM \`transaction\` x
     WHERE x.\`exchange_id\` IN (?) AND (x.\`transaction_status\` = 'COMPLETED' OR x.\`transaction_status\` = 'IN_TRANSIT')
     ORDER BY x.\`transaction_id\` LIMIT ?`,
    [account.exchangeIds, SNAPSHOT_LIMIT + 1],
  );
  if (rows.length > SNAPSHOT_LIMIT) return null;
  const all = rows.map((r): SnapshotTransaction => ({
    id: Number(r.id),
    type: r.type === 'DEPOSIT' ? 'DEPOSIT' : 'WITHDRAWL',
    drift: Number(r.drift) === 1,
    time: toSeconds(r.time),
    completed: Number(r.done) === 1,
    inTransit: Number(r.transit) === 1,
    amount: r.amount,
    amountCurrency: r.amountCur,
    fee: r.fee,
    feeCurrency: r.feeCur,
    sumFeeCurrency: r.sumFeeCur,
    feeNonzero: Number(r.feeNonzero) === 1,
    details: r.details,
    rawType: r.rawType,
    status: r.status,
    created: String(r.created),
    timeCompleted: r.timeCompleted === null ? null : String(r.timeCompleted),
  }));
  const completed = all.filter((t) => t.completed).sort((a, b) => a.time - b.time || a.id - b.id);
  const roles = rows.length > 0 ? await loadTransferRoles(pool) : new Map<number, TransferRole>();
  return { completed, all, roles };
}

/** Equality as a case-insensitive PAD SPACE collation compares (NULL equals nothing). */
export function sqlEquals(a: string | null, b: string): boolean {
  if (a === null) return false;
  const norm = (s: string) => s.replace(/ +$/, '').toUpperCase();
  return norm(a) === norm(b);
}

/** sumTransactions from the snapshot: one entry per transaction (the sums are exact either way). */
export function snapshotSums(
  snap: TransactionSnapshot,
  from: number | null,
  to: number,
): TransactionSums[] {
  if (from !== null && from >= to) return [];
  const out: TransactionSums[] = [];
  for (const t of snap.completed) {
    if (t.time >= to) break;
    if (from !== null && t.time < from) continue;
    out.push(sumsOf(t));
  }
  return out;
}

/** sumTransactionsBetween from the snapshot: each transaction with its stretch's start. */
export function snapshotSumsBetween(
  snap: TransactionSnapshot,
  edges: readonly number[],
): Array<{ start: number; sums: TransactionSums }> {
  if (edges.length < 2) return [];
  const out: Array<{ start: number; sums: TransactionSums }> = [];
  let k = 0;
  for (const t of snap.completed) {
    if (t.time < edges[0]) continue;
    if (t.time >= edges[edges.length - 1]) break;
    while (k + 1 < edges.length && edges[k + 1] <= t.time) k++;
    out.push({ start: edges[k], sums: sumsOf(t) });
  }
  return out;
}

function sumsOf(t: SnapshotTransaction): TransactionSums {
  return {
    type: t.type,
    drift: t.drift,
    amountCurrency: t.amountCurrency ?? '',
    feeCurrency: t.sumFeeCurrency ?? '',
    amount: t.amount,
    fee: t.fee,
    count: 1,
  };
}

/** What the transaction fetch of a scan asks for (lib/ledger/queries/items.ts). */
export interface SnapshotScan {
  from: number;
  to: number;
  direction: 'asc' | 'desc';
  filter: { currency: string | null; types: readonly LedgerRowType[] | null };
  seconds?: readonly number[];
  bound: { key: LedgerKey; op: '>' | '>=' | '<' | '<=' } | null;
  limit: number;
}

/** transactionFilter (sql.ts) on one transaction. */
function matches(t: SnapshotTransaction, f: SnapshotScan['filter']): boolean {
  if (f.types) {
    const any =
      (f.types.includes('deposit') && t.type === 'DEPOSIT' && !t.drift) ||
      (f.types.includes('withdrawal') && t.type === 'WITHDRAWL' && !t.drift) ||
      (f.types.includes('drift') && t.drift) ||
      (f.types.includes('fee') && t.feeNonzero);
    if (!any) return false;
  }
  if (f.currency) {
    const c = f.currency;
    if (!sqlEquals(t.amountCurrency, c) && !(sqlEquals(t.sumFeeCurrency, c) && t.feeNonzero))
      return false;
  }
  return true;
}

/**
 * keysetCondition (sql.ts) on one transaction: its key (time, 1, id) against the bound's; a
 * bound of the other kind sorts by (time, kind) alone, and `sub` is not compared.
 */
function beyond(t: SnapshotTransaction, bound: NonNullable<SnapshotScan['bound']>): boolean {
  const b = bound.key;
  const cmp = Math.sign(t.time - b.time) || 1 - b.kind || Math.sign(t.id - b.id);
  switch (bound.op) {
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
  }
}

/** One batch of the scan's transaction items, as transactionFetcher's query returns it. */
export function snapshotItems(snap: TransactionSnapshot, scan: SnapshotScan): TransactionItem[] {
  const seconds = scan.seconds ? new Set(scan.seconds) : null;
  const list = scan.direction === 'asc' ? snap.completed : [...snap.completed].reverse();
  const out: TransactionItem[] = [];
  for (const t of list) {
    if (out.length >= scan.limit) break;
    if (t.time < scan.from || t.time >= scan.to) continue;
    if (seconds && !seconds.has(t.time)) continue;
    if (scan.bound && !beyond(t, scan.bound)) continue;
    if (!matches(t, scan.filter)) continue;
    out.push({
      kind: 'transaction',
      id: t.id,
      time: t.time,
      type: t.type,
      amount: t.amount ?? '0',
      amountCurrency: t.amountCurrency ?? '',
      fee: t.fee,
      feeCurrency: t.feeCurrency,
      details: t.details,
      role: snap.roles.get(t.id) ?? null,
    });
  }
  return out;
}
