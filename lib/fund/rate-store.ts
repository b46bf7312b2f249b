import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Fixed } from '../core/money/fixed';
import { exact, fx } from './domain/math';
import type { DayRates } from './domain/rates';
import type { NearbyRate } from './domain/rate-table';

/**
 * The dashboards table `fx_rate`: USD per unit of a currency on a UTC day, by source —
 * 'import' (a CSV loaded with `npm run fx:import`) or 'oxr' (Open Exchange Rates, cached).
 */
export type StoredSource = 'import' | 'oxr';

export async function readStoredRates(
  dashboards: Pool,
  q: { currencies: string[]; fromDay: string; toDay: string },
): Promise<Record<StoredSource, DayRates>> {
  const out: Record<StoredSource, DayRates> = { import: new Map(), oxr: new Map() };
  if (q.currencies.length === 0) return out;
  const [rows] = await dashboards.query<RowDataPacket[]>(
    "SELECT `source`, `currency`, DATE_FORMAT(`day`, '%Y-%m-%d') AS day, `usd_rate` FROM `fx_rate` " +
      'WHERE `currency` IN (?) AND `day` >= ? AND `day` <= ?',
    [q.currencies, q.fromDay, q.toDay],
  );
  for (const r of rows) {
    const source = r.source === 'oxr' ? 'oxr' : r.source === 'import' ? 'import' : null;
    if (!source) continue;
    const days = out[source].get(String(r.currency)) ?? new Map<string, Fixed>();
    days.set(String(r.day), fx(String(r.usd_rate)));
    out[source].set(String(r.currency), days);
  }
  return out;
}

/** The nearest stored rate strictly before (or after) `day`; an import wins over OXR on the same day. */
export async function nearestStoredRate(
  dashboards: Pool,
  q: { currency: string; day: string; direction: 'before' | 'after' },
): Promise<NearbyRate | null> {
  const before = q.direction === 'before';
  const [rows] = await dashboards.query<RowDataPacket[]>(
    `SELECT \`source\`, DATE_FORMAT(\`day\`, '%Y-%m-%d') AS day, \`usd_rate\` FROM \`fx_rate\` WHERE \`currency\` = ? AND \`day\` ${before ? '<' : '>'} ? ` +
      `AND \`usd_rate\` > 0 ORDER BY \`day\` ${before ? 'DESC' : 'ASC'}, FIELD(\`source\`, 'import', 'oxr') LIMIT 1`,
    [q.currency, q.day],
  );
  if (rows.length === 0) return null;
  return {
    day: String(rows[0].day),
    candidate: {
      rate: fx(String(rows[0].usd_rate)),
      source: rows[0].source === 'oxr' ? 'oxr' : 'import',
    },
  };
}

/** Days (of those given) for which Open Exchange Rates has already been asked. */
export async function oxrDaysStored(dashboards: Pool, days: string[]): Promise<Set<string>> {
  if (days.length === 0) return new Set();
  const [rows] = await dashboards.query<RowDataPacket[]>(
    "SELECT DISTINCT DATE_FORMAT(`day`, '%Y-%m-%d') AS day FROM `fx_rate` WHERE `source` = 'oxr' AND `day` IN (?)",
    [days],
  );
  return new Set(rows.map((r) => String(r.day)));
}

export interface StoredRate {
  day: string;
  currency: string;
  usdRate: Fixed;
}

/** Inserts or replaces rates of one source; returns the number of rows written. */
export async function writeRates(
  dashboards: Pool,
  source: StoredSource,
  rates: readonly StoredRate[],
  now: Date,
): Promise<number> {
  const stamp = now.toISOString().slice(0, 19).replace('T', ' ');
  for (let i = 0; i < rates.length; i += 1000) {
    const values = rates
      .slice(i, i + 1000)
      .map((r) => [source, r.currency, r.day, exact(r.usdRate), stamp]);
    await dashboards.query(
      'INSERT INTO `fx_rate` (`source`, `currency`, `day`, `usd_rate`, `time_updated`) VALUES ? ' +
        'ON DUPLICATE KEY UPDATE `usd_rate` = VALUES(`usd_rate`), `time_updated` = VALUES(`time_updated`)',
      [values],
    );
  }
  return rates.length;
}
