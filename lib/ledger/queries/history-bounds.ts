import 'server-only';
import { type HistoryBounds, mergeBounds } from '../../core/time/history-edge';
import { accountTransactionBounds } from '../../db/trading/history-bounds';
import { fillHistoryBounds } from '../../rollup/history-bounds';
import type { LedgerSource } from '../source';

/**
 * The first and last entry of an account's ledger: its transactions (lib/db/trading/
 * history-bounds.ts, through exchange_id's index) and the fills of its orders
 * (lib/rollup/history-bounds.ts); a few index lookups, never a scan of the account.
 */
export async function ledgerHistoryBounds(src: LedgerSource): Promise<HistoryBounds | null> {
  const { trading, dashboards, account } = src;
  const parts = await Promise.all([
    accountTransactionBounds(trading, account.exchangeIds),
    ...(account.hasOrders
      ? account.orderExchangeNames.map((name) =>
          fillHistoryBounds(trading, dashboards, { account: name }),
        )
      : []),
  ]);
  return mergeBounds(...parts);
}
