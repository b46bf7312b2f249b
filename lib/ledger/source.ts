import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { LedgerAccount } from './queries/account';

/** Everything the ledger loaders read from: both pools, the account, the checkpoint mark. */
export interface LedgerSource {
  trading: Pool;
  dashboards: Pool;
  account: LedgerAccount;
  /** Fills with trade_id up to this are in ledger_daily; 0 = no checkpoints (all live). */
  checkpointMark: number;
}
