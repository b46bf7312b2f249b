import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { LedgerAccount } from './queries/account';

/** Everything the ledger loaders read from: both pools, the account, the rollup's mark. */
export interface LedgerSource {
  trading: Pool;
  dashboards: Pool;
  account: LedgerAccount;
  /** Fills with trade_id up to this are in the rollup (lib/rollup); 0 = none (all live). */
  rollupMark: number;
}
