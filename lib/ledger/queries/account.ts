import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { D } from '../../core/money/money';
import { parseMoneyDict } from '../../db/trading/money-json';

/**
 * One ledger = one account name of the `exchange` table (pair accounts, bank accounts, BURN).
 * Its trades are those whose order.exchange_name is the name (case-insensitively); its
 * transactions reference any exchange row with that name.
 */
export interface LedgerAccount {
  /** As stored, e.g. BITSTAMP_BTC_USD. */
  name: string;
  exchangeIds: number[];
  /** order.exchange_name values whose fills belong here (Gryphon's GEMINI quirk included). */
  orderExchangeNames: string[];
  /** Cached exchange.balance (summed when several rows share the name), currency -> decimal. */
  cachedBalance: Record<string, string>;
  cachedBalanceMalformed: boolean;
  /** False when no order names this account: bank accounts and BURN skip the trade queries. */
  hasOrders: boolean;
  /**
   * At least LARGE_ACCOUNT_ORDERS orders: row queries then walk trade.time_created's index
   * (MariaDB otherwise starts from order.exchange_name and sorts the whole window in a
   * temporary table, minutes for millions of fills); small accounts are left to the optimizer,
   * which rightly starts from their few orders.
   */
  large: boolean;
}

export const LARGE_ACCOUNT_ORDERS = 20_000;

/** Gryphon's Exchange.all_pair_names: GEMINI's ledger also held GEMINI_ETH_USD's fills. */
function orderNamesFor(name: string): string[] {
  return name.toUpperCase() === 'GEMINI' ? [name, 'GEMINI_ETH_USD'] : [name];
}

/** The account named `name` (any case), or null. */
export async function findLedgerAccount(pool: Pool, name: string): Promise<LedgerAccount | null> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT `exchange_id`, `name`, `balance` FROM `exchange` WHERE UPPER(`name`) = UPPER(?) ORDER BY `exchange_id`',
    [name],
  );
  if (rows.length === 0) return null;
  const canonical = String(rows[0].name);
  const orderExchangeNames = orderNamesFor(canonical);
  // Counts at most LARGE_ACCOUNT_ORDERS index entries, so it stays cheap for any account.
  const [[orders]] = await pool.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM (SELECT 1 FROM `order` WHERE `exchange_name` IN (?) LIMIT ?) x',
    [orderExchangeNames, LARGE_ACCOUNT_ORDERS],
  );
  const balance: Record<string, string> = {};
  let malformed = false;
  for (const r of rows) {
    const parsed = parseMoneyDict(r.balance as string | null);
    malformed ||= parsed.malformed;
    for (const [c, v] of Object.entries(parsed.amounts))
      balance[c] = c in balance ? D(balance[c]).plus(v).toFixed() : v;
  }
  return {
    name: canonical,
    exchangeIds: rows.map((r) => Number(r.exchange_id)),
    orderExchangeNames,
    cachedBalance: balance,
    cachedBalanceMalformed: malformed,
    hasOrders: Number(orders.n) > 0,
    large: Number(orders.n) >= LARGE_ACCOUNT_ORDERS,
  };
}

/** Every account name, for the not-found page. */
export async function listLedgerAccountNames(pool: Pool): Promise<string[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT DISTINCT `name` FROM `exchange` ORDER BY `name`',
  );
  return rows.map((r) => String(r.name));
}
