import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { LedgerAccount } from './queries/account';
import type { TransactionSnapshot } from './queries/transactions';

/** Everything the ledger loaders read from: both pools, the account, the rollup's mark. */
export interface LedgerSource {
  trading: Pool;
  dashboards: Pool;
  account: LedgerAccount;
  /** Fills with trade_id up to this are in the rollup (lib/rollup); 0 = none (all live). */
  rollupMark: number;
  /**
   * The account's transactions read once for the whole request (queries/transactions.ts;
   * null inside: too many, read per query); absent: every reader queries the table itself.
   */
  transactions?: Promise<TransactionSnapshot | null>;
}
