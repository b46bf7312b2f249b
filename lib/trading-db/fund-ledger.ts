import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseDbDate } from '../db-time';
import type { FundLiability, FundTransaction } from '../domain/fund-types';
import { canonicalDetails } from '../domain/transfer-pairing';

/**
 * The fund view's reads of accounts, transactions and liabilities. These tables are small next
 * to `trade` (a few rows a day), and a transaction's status changes after it is written, so
 * they are read whole, never checkpointed.
 */
export interface FundAccountRow {
  exchangeId: number;
  name: string;
}

export async function listFundAccounts(pool: Pool): Promise<FundAccountRow[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT `exchange_id`, `name` FROM `exchange` ORDER BY `exchange_id`',
  );
  return rows.map((r) => ({ exchangeId: Number(r.exchange_id), name: String(r.name) }));
}

const ID_KEYS = ['external_transaction_id', 'exchange_withdrawal_id', 'transaction_hash'] as const;

function parseDetails(json: string | null): {
  drift: boolean;
  keys: string[];
  description: string | null;
  exchangeRate: string | null;
} {
  let d: Record<string, unknown> = {};
  try {
    const parsed: unknown = json ? JSON.parse(json) : null;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      d = parsed as Record<string, unknown>;
  } catch {
    // unreadable details: no keys, no description
  }
  const text = (v: unknown) =>
    typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;
  return {
    drift: d.drift === true || d.drift === 'true' || d.drift === 1,
    keys: ID_KEYS.flatMap((k) => {
      const v = text(d[k]);
      return v === null ? [] : [`${k}:${v}`];
    }),
    description: text(d.description) ?? text(d.notes),
    exchangeRate: text(d.exchange_rate),
  };
}

/**
 * Every transaction, with its account's name (null: unknown exchange_id). Later ones too: a
 * withdrawal's other leg may have been written after the window, and without it the
 * withdrawal would look like money leaving the fund.
 */
export async function listFundTransactions(pool: Pool): Promise<FundTransaction[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT x.`transaction_id` AS id, e.`name` AS account, UPPER(x.`transaction_type`) AS type, ' +
      'UPPER(x.`transaction_status`) AS status, x.`time_created` AS created, x.`time_completed` AS completed, ' +
      "COALESCE(x.`amount`, 0) AS amount, UPPER(COALESCE(x.`amount_currency`, '')) AS cur, x.`fee` AS fee, " +
      "UPPER(COALESCE(NULLIF(x.`fee_currency`, ''), x.`amount_currency`, '')) AS feeCur, x.`transaction_details` AS details " +
      'FROM `transaction` x LEFT JOIN `exchange` e ON e.`exchange_id` = x.`exchange_id` ' +
      'ORDER BY x.`transaction_id`',
  );
  return rows.map((r) => {
    const details = parseDetails(r.details as string | null);
    const created = (parseDbDate(r.created) as Date).getTime();
    const status =
      r.status === 'COMPLETED' ? 'COMPLETED' : r.status === 'IN_TRANSIT' ? 'IN_TRANSIT' : 'OTHER';
    return {
      id: Number(r.id),
      account: r.account === null ? null : String(r.account),
      type: r.type === 'DEPOSIT' ? 'DEPOSIT' : 'WITHDRAWL',
      status,
      created,
      completed: status === 'COMPLETED' ? (parseDbDate(r.completed)?.getTime() ?? created) : null,
      amount: String(r.amount),
      currency: String(r.cur),
      fee: r.fee === null ? null : String(r.fee),
      feeCurrency: String(r.feeCur),
      drift: details.drift,
      transferKeys: details.keys,
      detailsKey: canonicalDetails(r.details as string | null),
      exchangeRate: details.exchangeRate,
      description: details.description,
    };
  });
}

export async function listFundLiabilities(pool: Pool): Promise<FundLiability[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT `liability_id` AS id, `entity_name` AS entity, COALESCE(`liability_type`, '') AS type, COALESCE(`amount`, 0) AS amount, " +
      "UPPER(COALESCE(`amount_currency`, '')) AS cur, COALESCE(`time_started`, `time_created`) AS started, `time_repayed` AS repaid " +
      'FROM `liability` ORDER BY `liability_id`',
  );
  return rows.map((r) => ({
    id: Number(r.id),
    entity: String(r.entity),
    type: String(r.type),
    amount: String(r.amount),
    currency: String(r.cur),
    started: (parseDbDate(r.started) as Date).getTime(),
    repaid: parseDbDate(r.repaid)?.getTime() ?? null,
  }));
}
