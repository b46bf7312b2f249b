import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { FillSums } from './domain/types';
import { mergeRateSources, tradingRatesFromFills } from './domain/rates';
import { resolveRates, type NearbyRate, type RateTable } from './domain/rate-table';
import { nearestTradedDay } from '../rollup/read';
import { toFundSums } from './fill-data';
import { dayStartMs } from './domain/days';
import { nearestStoredRate, readStoredRates } from './rate-store';

/**
 * The rate table of one fund request, read only. Precedence per currency and day: imported
 * rates (the operator's explicit choice), then the trading database's own rates, then Open
 * Exchange Rates as stored in fx_rate (fetched in the background when EXCHANGE_RATE_APP_ID is
 * set: lib/fund/rate-refresh.ts), then the nearest known rate.
 */

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
  },
): Promise<LoadedRates> {
  const warnings: string[] = [];
  const currencies = q.currencies.filter((c) => c !== 'USD');
  const first = q.days[0];
  const last = q.days[q.days.length - 1];
  const stored = await readStoredRates(dashboards, { currencies, fromDay: first, toDay: last });
  const trading = tradingRatesFromFills(q.rateRows);
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
