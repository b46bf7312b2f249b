import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { DashboardConfig } from '../config';
import { fixedToString, parseFixedOrZero } from '../core/money/fixed';
import { startOfUtcDay } from '../core/time/calendar';
import { listExchangeAccounts } from '../db/trading/accounts';
import { compareBalances } from '../ledger/domain/compare';
import { findLedgerAccount } from '../ledger/queries/account';
import { findLatestAudit } from '../ledger/queries/audit';
import { listPendingTransfers } from '../ledger/queries/pending';
import { balancesAtInstants } from '../ledger/totals';
import type { LedgerSource } from '../ledger/source';
import { readFillSums, readRollupStatus } from '../rollup/read';
import { SAFETY_LAG_MS } from '../rollup/refresh';
import { listActorActivity } from '../strategy/catalog-read';
import { listStrategies, type StrategyListing } from '../strategy/list';
import { openingPosition } from '../strategy/position';
import { strategyFromRollup } from '../strategy/rollup-path';
import type {
  AccountStatus,
  DatabaseLine,
  JobLine,
  StatusSnapshot,
  StrategyStatus,
} from './domain/snapshot';
import { lastAccountFill, oldestFillAbove, readNewestRows, usualCurrencies } from './queries';
import { usdRatesToday } from './usd-rates';

/**
 * One snapshot of the status board (lib/status/domain/snapshot.ts), read from the trading
 * database (read-only) and the rollup: the ledger's balances come from lib/ledger (the same
 * functions as the ledger page), a strategy's figures from the rollup (lib/strategy's
 * strategyFromRollup over today), the rest from indexed MAX lookups (queries.ts). An account
 * or strategy that cannot be read carries its error; the others are still read.
 */
export interface SnapshotDeps {
  trading: Pool;
  dashboards: Pool;
  config: DashboardConfig;
  jobs: JobLine[];
  /** Where `jobs` come from (default: the dashboards database). */
  jobsSource?: StatusSnapshot['jobsSource'];
  databases: DatabaseLine[];
}

const HOUR = 3_600_000;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function readStatusSnapshot(deps: SnapshotDeps, now: Date): Promise<StatusSnapshot> {
  const { trading, dashboards } = deps;
  // Both databases are needed for every figure; the database lines say which one is down.
  const tradingDown = deps.databases.some((d) => !d.ok);
  const base: StatusSnapshot = {
    now: now.getTime(),
    accounts: [],
    strategies: [],
    trading: { newestRow: null, newestFill: null, newestOrder: null, newestTransaction: null },
    rollup: null,
    jobs: deps.jobs,
    jobsSource: deps.jobsSource ?? 'database',
    databases: deps.databases,
  };
  if (tradingDown) return base;
  const [newest, rollup] = await Promise.all([
    readNewestRows(trading),
    readRollupStatus(trading, dashboards),
  ]);
  const oldest =
    rollup.newestTradeId > rollup.mark ? await oldestFillAbove(trading, rollup.mark) : null;
  base.trading = {
    newestFill: newest.fill,
    newestOrder: newest.order,
    newestTransaction: newest.transaction,
    newestRow: Math.max(newest.fill ?? 0, newest.order ?? 0, newest.transaction ?? 0) || null,
  };
  base.rollup = {
    mark: rollup.mark,
    newestTradeId: rollup.newestTradeId,
    behindFills: Math.max(0, rollup.newestTradeId - rollup.mark),
    // The rollup takes fills once SAFETY_LAG_MS old: behind is what is older than that.
    lagMs: oldest === null ? 0 : Math.max(0, now.getTime() - SAFETY_LAG_MS - oldest),
  };
  const [accounts, strategies] = await Promise.all([
    readAccounts(trading, dashboards, rollup.mark, now),
    readStrategies(deps, rollup.mark, now),
  ]);
  return { ...base, accounts, strategies };
}

async function readAccounts(
  trading: Pool,
  dashboards: Pool,
  mark: number,
  now: Date,
): Promise<AccountStatus[]> {
  const names = [...new Set((await listExchangeAccounts(trading)).map((a) => a.name))];
  // One account at a time: each reads a handful of queries; the pools stay free for pages.
  const out: AccountStatus[] = [];
  for (const name of names) out.push(await readAccount(trading, dashboards, name, mark, now));
  return out;
}

async function readAccount(
  trading: Pool,
  dashboards: Pool,
  name: string,
  mark: number,
  now: Date,
): Promise<AccountStatus> {
  const empty: AccountStatus = {
    name,
    audit: null,
    cached: { balances: [], malformed: false },
    inTransit: [],
    lastFill: null,
  };
  try {
    const account = await findLedgerAccount(trading, name);
    if (!account) return empty;
    const src: LedgerSource = { trading, dashboards, account, rollupMark: mark };
    // Just after now's second, as the ledger page takes "now".
    const end = Math.floor(now.getTime() / 1000) + 1;
    const audit = await findLatestAudit(trading, account.name, end);
    const [balances, pending, lastFill] = await Promise.all([
      balancesAtInstants(src, audit ? [audit.time, end] : [end]),
      listPendingTransfers(trading, account, end),
      account.hasOrders
        ? lastAccountFill(trading, dashboards, account.orderExchangeNames, mark)
        : Promise.resolve(null),
    ]);
    const ledgerNow = balances.get(end) ?? new Map();
    return {
      name: account.name,
      audit: audit && {
        eventId: audit.eventId,
        time: audit.time * 1000,
        balances: compareBalances(audit.balances, balances.get(audit.time) ?? new Map()),
        malformed: audit.malformed,
      },
      cached: {
        balances: compareBalances(account.cachedBalance, ledgerNow),
        malformed: account.cachedBalanceMalformed,
      },
      inTransit: pending
        .filter((p) => p.status.toUpperCase() === 'IN_TRANSIT')
        .map((p) => ({
          transactionId: p.transactionId,
          type: p.type,
          amount: fixedToString(parseFixedOrZero(p.amount)),
          currency: p.currency,
          created: p.created.getTime(),
          transfer: p.transfer,
        })),
      lastFill,
    };
  } catch (err) {
    return { ...empty, error: message(err) };
  }
}

/** The strategies worth watching: configured ones, and every actor seen in the database. */
function watched(list: StrategyListing[]): StrategyListing[] {
  return list.filter((s) => s.source === 'config' || s.seenInDatabase);
}

async function readStrategies(
  deps: SnapshotDeps,
  mark: number,
  now: Date,
): Promise<StrategyStatus[]> {
  const { trading, dashboards, config } = deps;
  const activity = await listActorActivity(trading, dashboards, now);
  const byActor = new Map(activity.actors.map((a) => [a.actor.toUpperCase(), a]));
  const out: StrategyStatus[] = [];
  for (const s of watched(listStrategies(config.strategies, activity.actors))) {
    const conf = Object.hasOwn(config.strategies, s.key) ? config.strategies[s.key] : undefined;
    const act = byActor.get(s.actor.toUpperCase());
    const line: StrategyStatus = {
      key: s.key,
      displayName: s.displayName,
      actor: s.actor,
      lastFill: act?.lastFillTime?.getTime() ?? null,
      lastOrder: act?.lastOrderTime?.getTime() ?? null,
      volumeCurrency: null,
      priceCurrency: null,
      position: null,
      range:
        conf?.positionGraphMin !== undefined && conf.positionGraphMax !== undefined
          ? { min: conf.positionGraphMin, max: conf.positionGraphMax }
          : null,
      today: null,
      usdRate: null,
      fillsLastHour: 0,
      usualPerHour: 0,
    };
    try {
      await readStrategyFigures(trading, dashboards, line, conf, mark, now);
    } catch (err) {
      line.error = message(err);
    }
    out.push(line);
  }
  // Today's realized P&L in USD for the fund's loss rule, at the fund view's day rates.
  const priced = out.filter((x) => x.today && x.priceCurrency);
  if (priced.length) {
    try {
      const rates = await usdRatesToday(
        { trading, dashboards },
        priced.map((x) => x.priceCurrency as string),
        now,
        mark,
      );
      for (const x of priced) x.usdRate = rates.get(x.priceCurrency as string) ?? null;
    } catch (err) {
      for (const x of priced) x.error ??= `no USD rate: ${message(err)}`;
    }
  }
  return out;
}

async function readStrategyFigures(
  trading: Pool,
  dashboards: Pool,
  line: StrategyStatus,
  conf: DashboardConfig['strategies'][string] | undefined,
  mark: number,
  now: Date,
): Promise<void> {
  const actor = line.actor.toUpperCase();
  const count = async (from: Date) =>
    (await readFillSums(trading, dashboards, { from, to: now, byDay: false, actor, mark })).reduce(
      (n, r) => n + r.count,
      0,
    );
  const [hour, week, usual] = await Promise.all([
    count(new Date(now.getTime() - HOUR)),
    count(new Date(now.getTime() - 7 * 24 * HOUR)),
    conf ? Promise.resolve(null) : usualCurrencies(dashboards, actor),
  ]);
  line.fillsLastHour = hour;
  line.usualPerHour = week / (7 * 24);
  const currencies = conf
    ? { volumeCurrency: conf.volumeCurrency, priceCurrency: conf.priceCurrency }
    : usual;
  if (!currencies || line.lastFill === null) return;
  line.volumeCurrency = currencies.volumeCurrency.toUpperCase();
  line.priceCurrency = currencies.priceCurrency.toUpperCase();
  const today = await strategyFromRollup(
    { trading, dashboards },
    {
      actor,
      currencies,
      window: { start: startOfUtcDay(now), end: now },
      mark,
      maxPoints: 24,
    },
  );
  if (today) {
    const f = today.figures;
    line.position = fixedToString(f.closingPosition);
    line.today = { pnl: fixedToString(f.revenue - f.fees), fees: fixedToString(f.fees) };
    return;
  }
  const pos = await openingPosition(trading, dashboards, {
    actor,
    volumeCurrency: currencies.volumeCurrency,
    at: now,
    mark,
  });
  line.position = fixedToString(pos.position);
}
