import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { FillSums } from './domain/types';
import { mergeRateSources, tradingRatesFromFills, type DayRates } from './domain/rates';
import { resolveRates, type NearbyRate, type RateTable } from './domain/rate-table';
import { nearestTradedDay } from '../rollup/read';
import { toFundSums } from './fill-data';
import { dayStartMs } from './domain/days';
import { fetchOxrDay, type OxrOptions } from './oxr';
import { nearestStoredRate, oxrDaysStored, readStoredRates, writeRates } from './rate-store';

/**
 * The rate table of one fund request. Precedence per currency and day: imported rates (the
 * operator's explicit choice), then the trading database's own rates, then Open Exchange
 * Rates when EXCHANGE_RATE_APP_ID is set (fetched for the days still missing a rate, at most
 * OXR_DAYS_PER_REQUEST per request, and cached in fx_rate), then the nearest known rate.
 */
const OXR_DAYS_PER_REQUEST = 31;

export interface LoadedRates {
  table: RateTable;
  warnings: string[];
}

export async function loadRates(
  dashboards: Pool,
  q: {
    currencies: string[];
    days: string[];
    rateRows: readonly FillSums[];
    oxr?: OxrOptions;
    now: Date;
  },
): Promise<LoadedRates> {
  const warnings: string[] = [];
  const currencies = q.currencies.filter((c) => c !== 'USD');
  const first = q.days[0];
  const last = q.days[q.days.length - 1];
  const stored = await readStoredRates(dashboards, { currencies, fromDay: first, toDay: last });
  const trading = tradingRatesFromFills(q.rateRows);
  const missingDays = () => {
    const merged = mergeRateSources([
      { source: 'import', rates: stored.import },
      { source: 'trading', rates: trading },
      { source: 'oxr', rates: stored.oxr },
    ]);
    return q.days.filter((d) => currencies.some((c) => !merged.get(c)?.has(d)));
  };
  if (q.oxr && currencies.length > 0) {
    const asked = await oxrDaysStored(dashboards, q.days);
    const todo = missingDays().filter((d) => !asked.has(d));
    const fetched = await fetchOxrDays(
      dashboards,
      todo.slice(0, OXR_DAYS_PER_REQUEST),
      q.oxr,
      q.now,
      stored.oxr,
      warnings,
    );
    if (todo.length > fetched)
      warnings.push(
        `Open Exchange Rates: ${todo.length - fetched} more days will be fetched on later loads.`,
      );
  }
  const candidates = mergeRateSources([
    { source: 'import', rates: stored.import },
    { source: 'trading', rates: trading },
    { source: 'oxr', rates: stored.oxr },
  ]);
  const before = new Map<string, NearbyRate>();
  const after = new Map<string, NearbyRate>();
  for (const cur of currencies) {
    const own = candidates.get(cur);
    if (!own?.has(first)) {
      const near = await nearest(dashboards, cur, first, 'before');
      if (near) before.set(cur, near);
    }
    if (!own || own.size === 0) {
      const near = await nearest(dashboards, cur, last, 'after');
      if (near) after.set(cur, near);
    }
  }
  return {
    table: resolveRates({ currencies: q.currencies, days: q.days, candidates, before, after }),
    warnings,
  };
}

/** The nearer of the stored table's and the rollup's nearest rate (same day: the import). */
async function nearest(
  dashboards: Pool,
  cur: string,
  day: string,
  direction: 'before' | 'after',
): Promise<NearbyRate | null> {
  const stored = await nearestStoredRate(dashboards, { currency: cur, day, direction });
  const rows = (
    await nearestTradedDay(dashboards, { currency: cur, day: new Date(dayStartMs(day)), direction })
  ).map(toFundSums);
  const tradedDays = tradingRatesFromFills(rows).get(cur);
  const traded: NearbyRate | null =
    tradedDays && tradedDays.size > 0
      ? (([d, rate]) => ({ day: d, candidate: { rate, source: 'trading' as const } }))(
          [...tradedDays][0],
        )
      : null;
  if (!stored || !traded) return stored ?? traded;
  if (stored.day === traded.day) return stored.candidate.source === 'import' ? stored : traded;
  return stored.day > traded.day === (direction === 'before') ? stored : traded;
}

async function fetchOxrDays(
  dashboards: Pool,
  days: string[],
  oxr: OxrOptions,
  now: Date,
  into: DayRates,
  warnings: string[],
): Promise<number> {
  let done = 0;
  for (let i = 0; i < days.length; i += 4) {
    const batch = days.slice(i, i + 4);
    const results = await Promise.allSettled(batch.map((d) => fetchOxrDay(d, oxr)));
    for (const [j, r] of results.entries()) {
      if (r.status === 'rejected') {
        warnings.push((r.reason as Error).message);
        return done;
      }
      const day = batch[j];
      const rows = [...r.value].map(([currency, usdRate]) => ({ day, currency, usdRate }));
      await writeRates(dashboards, 'oxr', rows, now);
      for (const row of rows)
        into.set(row.currency, (into.get(row.currency) ?? new Map()).set(day, row.usdRate));
      done++;
    }
  }
  return done;
}
