/**
 * One snapshot of what the status board measures (lib/status/snapshot.ts reads it; the alert
 * rules of lib/alerts/domain judge it). Plain data: times are epoch milliseconds (null: never),
 * amounts exact decimal strings, so a page, its JSON and the evaluator read the same thing.
 */

/** A balance reported elsewhere beside our ledger's (difference = reported − ledger). */
export interface BalanceLine {
  currency: string;
  reported: string | null;
  ledger: string;
  difference: string | null;
}

export interface TransferInTransit {
  transactionId: number;
  type: 'DEPOSIT' | 'WITHDRAWL';
  amount: string;
  currency: string;
  created: number;
  /** "Wire from BMO_USD" when it is one leg of a transfer between our accounts. */
  transfer: string | null;
}

export interface AccountStatus {
  name: string;
  /** The latest AUDIT event and, per currency, its balances against our ledger at its time. */
  audit: { eventId: number; time: number; balances: BalanceLine[]; malformed: boolean } | null;
  /** Gryphon's cached exchange.balance against our ledger now. */
  cached: { balances: BalanceLine[]; malformed: boolean };
  inTransit: TransferInTransit[];
  lastFill: number | null;
  /** Set when this account could not be read (the other lines still are). */
  error?: string;
}

export interface StrategyStatus {
  key: string;
  displayName: string;
  actor: string;
  lastFill: number | null;
  lastOrder: number | null;
  volumeCurrency: string | null;
  priceCurrency: string | null;
  /** Position now in the volume currency (null: no fills or not readable). */
  position: string | null;
  /** The configured range (dashboard.conf position_graph_min/max); null: "no range". */
  range: { min: string; max: string } | null;
  /** Realized P&L (revenue − fees of matched legs) and those fees since 00:00 UTC, price currency. */
  today: { pnl: string; fees: string } | null;
  /**
   * USD per unit of the price currency today, as the fund view values it (lib/fund loadRates:
   * imported rates, the trading database's own, Open Exchange Rates, else the nearest day's);
   * '1' for USD, null when no rate is known or there is no P&L today.
   */
  usdRate: string | null;
  fillsLastHour: number;
  /** Mean fills per hour over the 7 days before now. */
  usualPerHour: number;
  error?: string;
}

/** One background job on one app server (lib/background/job-runs.ts, table job_run). */
export interface JobLine {
  server: string;
  name: string;
  everyMs: number;
  lastStarted: number | null;
  lastFinished: number | null;
  lastSucceeded: number | null;
  /** Did the last finished run succeed (null: none has finished)? */
  lastOk: boolean | null;
  /** The last failure and its message, kept after later successes (null: never failed). */
  lastFailed: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  /** When this server last reported any job: a server silent for long has stopped. */
  serverSeen: number;
}

export interface DatabaseLine {
  database: 'dashboards' | 'trading';
  ok: boolean;
  address: string;
  reason?: string;
}

export interface StatusSnapshot {
  now: number;
  accounts: AccountStatus[];
  strategies: StrategyStatus[];
  trading: {
    /** Newest time_created of fills, orders and transactions (null: empty or unreadable). */
    newestRow: number | null;
    newestFill: number | null;
    newestOrder: number | null;
    newestTransaction: number | null;
  };
  rollup: {
    mark: number;
    newestTradeId: number;
    /**
     * Fills not rolled up yet, and how long the oldest of them has been past the rollup's
     * safety lag (lib/rollup/refresh.ts SAFETY_LAG_MS: 10 minutes; 0 when none is).
     */
    behindFills: number;
    lagMs: number;
  } | null;
  jobs: JobLine[];
  /**
   * Where the job lines come from: every server's (the dashboards database), or only this
   * server's memory when that table cannot be read.
   */
  jobsSource: 'database' | 'this server';
  databases: DatabaseLine[];
  /**
   * The instant the job and database lines were read, when later than `now` (a snapshot
   * stored by the alert evaluation, served with the request's own job and database lines);
   * the job rules are judged at it, every other line at `now`.
   */
  liveAt?: number;
}
