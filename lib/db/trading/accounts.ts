import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseMoneyDict } from './money-json';

export interface ExchangeAccount {
  exchangeId: number;
  name: string;
  /** Cached balance kept by the trading engine (exchange.balance), currency -> decimal string. */
  balance: Record<string, string>;
  balanceMalformed: boolean;
}

/** Every row of Gryphon's `exchange` table (pair accounts, bank accounts and BURN alike). */
export async function listExchangeAccounts(pool: Pool): Promise<ExchangeAccount[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT `exchange_id`, `name`, `balance` FROM `exchange` ORDER BY `name`, `exchange_id`',
  );
  return rows.map((r) => {
    const { amounts, malformed } = parseMoneyDict(r.balance as string | null);
    return {
      exchangeId: Number(r.exchange_id),
      name: String(r.name),
      balance: amounts,
      balanceMalformed: malformed,
    };
  });
}

/** URL segment of an account: Gryphon used the lower-cased name (/ledger/bitstamp_btc_usd). */
export function accountSlug(name: string): string {
  return encodeURIComponent(name.toLowerCase());
}
