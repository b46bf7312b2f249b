import 'server-only';
import type { Pool } from 'mysql2/promise';
import { FIXED_SCALE, fixedToString } from '../core/money/fixed';
import { DAY_MS, startOfUtcDay } from '../core/time/calendar';
import { dayOf } from '../fund/domain/days';
import { toFundSums } from '../fund/fill-data';
import { loadRates } from '../fund/rates';
import { readFillSums } from '../rollup/read';

/**
 * USD per unit of each currency on now's UTC day, as the fund view values that day: lib/fund's
 * loadRates (imported rates, then the trading database's own rates from the day's fills, then
 * Open Exchange Rates as stored, then the nearest earlier or later day's), fed with the same
 * whole-day fill sums the fund reads for a window ending in that day (fill-data.ts rateRows).
 * Returns a decimal string per currency, or null for one with no rate at all.
 */
export async function usdRatesToday(
  pools: { trading: Pool; dashboards: Pool },
  currencies: readonly string[],
  now: Date,
  mark: number,
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const wanted = [...new Set(currencies.map((c) => c.toUpperCase()))];
  if (wanted.length === 0) return out;
  const start = startOfUtcDay(now);
  const rateRows = wanted.every((c) => c === 'USD')
    ? []
    : (
        await readFillSums(pools.trading, pools.dashboards, {
          from: start,
          to: new Date(start.getTime() + DAY_MS),
          byDay: true,
          mark,
        })
      ).map(toFundSums);
  const day = dayOf(start.getTime());
  const { table } = await loadRates(pools.dashboards, {
    currencies: wanted,
    days: [day],
    rateRows,
  });
  for (const c of wanted) {
    const r = table.get(c, day);
    out.set(c, r.source === 'none' ? null : fixedToString(r.rate, FIXED_SCALE));
  }
  return out;
}
