import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseDbDate } from '../../db/db-time';
import type { FundLiability } from '../domain/types';

/**
 * The fund view's reads of accounts and liabilities (transactions: lib/transfers/queries.ts).
 * These tables are small next to `trade` (a few rows a day), so they are read whole.
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
