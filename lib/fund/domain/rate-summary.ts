import { exact } from './math';
import type { PreparedFund } from './prepare';
import type { RateTable } from './rate-table';
import type { FundRateRow } from './report-types';

const SHOWN_DAYS = 5;

/**
 * Which source valued each currency on how many days, and a warning for every currency that
 * had to borrow a rate from another day or has none at all.
 */
export function summariseRates(
  prepared: PreparedFund,
  rates: RateTable,
): { rows: FundRateRow[]; warnings: string[] } {
  const { timeline } = prepared.input;
  const n = prepared.index.n;
  const rows: FundRateRow[] = [];
  const warnings: string[] = [];
  for (const cur of prepared.currencies) {
    const days: FundRateRow['days'] = {
      usd: 0,
      trading: 0,
      import: 0,
      oxr: 0,
      carried: 0,
      none: 0,
    };
    const carried: string[] = [];
    const unvalued: string[] = [];
    for (const day of timeline.days) {
      const r = rates.get(cur, day);
      days[r.source]++;
      if (r.source === 'carried' && r.from)
        carried.push(`${day} ← ${r.from.day} (${sourceName(r.from.source)})`);
      if (r.source === 'none') unvalued.push(day);
    }
    const at = (k: number) => {
      const r = rates.get(cur, timeline.boundaryDays[k]);
      return r.source === 'none' ? null : exact(r.rate);
    };
    rows.push({ currency: cur, days, rateStart: at(0), rateEnd: at(n), carried });
    if (unvalued.length === timeline.days.length) {
      warnings.push(
        `No rate at all for ${cur} (trading database, imported rates${days.oxr ? ', Open Exchange Rates' : ''}): its amounts are left out of every USD figure, not valued at 0 — import rates with \`npm run fx:import\`.`,
      );
    } else if (unvalued.length > 0) {
      warnings.push(
        `No ${cur} rate for ${list(unvalued)}: ${cur} amounts are left out of the USD figures on those days.`,
      );
    }
    if (carried.length > 0) {
      warnings.push(
        `No ${cur} rate for ${list(carried.map((c) => c.slice(0, 10)))}: valued at the nearest known rate (${carried[0].slice(13)}).`,
      );
    }
  }
  return { rows, warnings };
}

function list(days: string[]): string {
  const shown = days.slice(0, SHOWN_DAYS).join(', ');
  return days.length > SHOWN_DAYS ? `${days.length} days (${shown}, …)` : shown;
}

export function sourceName(source: string): string {
  switch (source) {
    case 'trading':
      return 'trading database';
    case 'import':
      return 'imported rates';
    case 'oxr':
      return 'Open Exchange Rates';
    case 'usd':
      return 'USD';
    default:
      return source;
  }
}
