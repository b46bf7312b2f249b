import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseDbDate } from '../db/db-time';
import { canonicalDetails, type TransactionRecord } from './domain/pairing';

/**
 * Every `transaction` row, read whole: the table is small next to `trade` (a few rows a day),
 * and a transaction's status changes after it is written, so it is never checkpointed. The
 * fund classifies these rows; the ledger names the other leg of each transfer.
 */
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
export async function listTransactions(pool: Pool): Promise<TransactionRecord[]> {
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
