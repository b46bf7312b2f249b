import 'server-only';
import type { Pool } from 'mysql2/promise';
import { DAY_MS } from '../core/time/calendar';
import { readFillSums, readRollupMark } from '../rollup/read';
import { listTransactions } from '../transfers/queries';
import { dayOf, floorDay } from './domain/days';
import { mergeRateSources, tradingRatesFromFills } from './domain/rates';
import { toFundSums } from './fill-data';
import { fetchOxrDay, type OxrOptions } from './oxr';
import { listFundLiabilities } from './queries/ledger';
import { oxrDaysStored, readStoredRates, writeRates } from './rate-store';

/**
 * Open Exchange Rates for the days the fund cannot value otherwise, fetched in the background
 * (lib/background/scheduler.ts), never by a page request: a fund request only reads fx_rate.
 *
 * The days considered are those of the trading history, from its first fill or transfer to
 * yesterday (UTC; today's rate is not final, and the fund values today at the nearest known
 * rate). A day is fetched when some currency the fund holds (a fill's price, volume or fee
 * currency, a transfer's or a liability's currency; not USD) has neither an imported rate nor
 * a rate from the trading database's own fills that day, and the day was never asked before
 * (any 'oxr' row for it). Newest days first, at most `maxDays` per run, four at a time, so a
 * long history is filled in over several runs without exhausting the plan's quota at once.
 */
export interface OxrRefreshResult {
  fetched: number;
  /** Days still missing a rate and never asked, after this run. */
  remaining: number;
  /** The service's errors (the run stops at the first). */
  errors: string[];
}

export async function refreshOxrRates(
  trading: Pool,
  dashboards: Pool,
  opts: { oxr: OxrOptions; now: Date; maxDays?: number },
): Promise<OxrRefreshResult> {
  const todo = await daysWithoutRate(trading, dashboards, opts.now);
  const batch = todo.slice(0, opts.maxDays ?? 31);
  const errors: string[] = [];
  let fetched = 0;
  for (let i = 0; i < batch.length && errors.length === 0; i += 4) {
    const days = batch.slice(i, i + 4);
    const results = await Promise.allSettled(days.map((d) => fetchOxrDay(d, opts.oxr)));
    for (const [j, r] of results.entries()) {
      if (r.status === 'rejected') {
        errors.push((r.reason as Error).message);
        break;
      }
      const rows = [...r.value].map(([currency, usdRate]) => ({ day: days[j], currency, usdRate }));
      await writeRates(dashboards, 'oxr', rows, opts.now);
      fetched++;
    }
  }
  return { fetched, remaining: todo.length - fetched, errors };
}

/** The days (newest first) a currency of the fund lacks any rate and OXR was never asked. */
export async function daysWithoutRate(
  trading: Pool,
  dashboards: Pool,
  now: Date,
): Promise<string[]> {
  const today = floorDay(now.getTime());
  const [mark, transactions, liabilities] = await Promise.all([
    readRollupMark(dashboards),
    listTransactions(trading),
    listFundLiabilities(trading),
  ]);
  const fills = (
    await readFillSums(trading, dashboards, {
      from: null,
      to: new Date(today),
      byDay: true,
      mark,
    })
  ).map(toFundSums);
  const currencies = new Set<string>();
  let first = today;
  for (const f of fills) {
    for (const c of [f.priceCurrency, f.volumeCurrency, f.feeCurrency]) if (c) currencies.add(c);
    if (f.day) first = Math.min(first, Date.parse(`${f.day}T00:00:00Z`));
  }
  for (const t of transactions) {
    for (const c of [t.currency, t.feeCurrency]) if (c) currencies.add(c);
    first = Math.min(first, floorDay(t.created));
  }
  for (const l of liabilities) if (l.currency) currencies.add(l.currency);
  currencies.delete('USD');
  if (currencies.size === 0 || first >= today) return [];

  const days: string[] = [];
  for (let d = first; d < today; d += DAY_MS) days.push(dayOf(d));
  const stored = await readStoredRates(dashboards, {
    currencies: [...currencies],
    fromDay: days[0],
    toDay: days[days.length - 1],
  });
  const covered = mergeRateSources([
    { source: 'import', rates: stored.import },
    { source: 'trading', rates: tradingRatesFromFills(fills) },
    { source: 'oxr', rates: stored.oxr },
  ]);
  const missing = days.filter((d) => [...currencies].some((c) => !covered.get(c)?.has(d)));
  const asked = await oxrDaysStored(dashboards, missing);
  return missing.filter((d) => !asked.has(d)).reverse();
}
