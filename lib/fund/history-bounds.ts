import 'server-only';
import type { Pool } from 'mysql2/promise';
import { type HistoryBounds, mergeBounds } from '../core/time/history-edge';
import { allFillsHistoryBounds, transactionHistoryBounds } from '../db/trading/history-bounds';

/**
 * The fund's first and last entry: its first and last transaction (MIN/MAX of the primary
 * key) and fill (MIN/MAX on trade.time_created's index); four index lookups, no scan.
 */
export async function fundHistoryBounds(trading: Pool): Promise<HistoryBounds | null> {
  const [transactions, fills] = await Promise.all([
    transactionHistoryBounds(trading),
    allFillsHistoryBounds(trading),
  ]);
  return mergeBounds(transactions, fills);
}
