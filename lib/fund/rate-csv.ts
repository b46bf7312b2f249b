import { parse } from 'csv-parse/sync';
import { parseFixed, FIXED_ONE } from '../core/money/fixed';
import { rateOf, roundFixed, RATE_DECIMALS } from './domain/math';
import type { StoredRate } from './rate-store';

/**
 * The CSV that `npm run fx:import` loads into fx_rate. A header row names the columns (any
 * order, case-insensitive, other columns ignored):
 *   date,currency,usd_rate         USD per unit: EUR 1.0842 means 1 EUR = 1.0842 USD
 *   date,currency,units_per_usd    Open Exchange Rates' style: EUR 0.9223 per USD
 * `date` is a UTC day, YYYY-MM-DD. Rates are rounded to 12 decimals. USD rows are skipped
 * (USD is always 1). Any bad line rejects the whole file.
 */
export interface ParsedRates {
  rates: StoredRate[];
  format: 'usd_rate' | 'units_per_usd';
  skippedUsd: number;
  errors: string[];
}

const DAY = /^\d{4}-\d\d-\d\d$/;
const CURRENCY = /^[A-Z0-9]{2,10}$/;

export function parseRateCsv(text: string): ParsedRates {
  const records = parse(text, {
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    bom: true,
  }) as string[][];
  const out: ParsedRates = { rates: [], format: 'usd_rate', skippedUsd: 0, errors: [] };
  if (records.length === 0)
    return { ...out, errors: ['The file is empty: expected a header row date,currency,usd_rate'] };
  const header = records[0].map((h) => h.toLowerCase());
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const iDate = col('date', 'day');
  const iCur = col('currency');
  const iUsd = col('usd_rate', 'usd_per_unit');
  const iUnits = col('units_per_usd');
  if (iDate < 0 || iCur < 0 || iUsd < 0 === iUnits < 0) {
    return {
      ...out,
      errors: [
        `Line 1: the header must have date, currency and exactly one of usd_rate or units_per_usd (found: ${records[0].join(',')})`,
      ],
    };
  }
  out.format = iUsd >= 0 ? 'usd_rate' : 'units_per_usd';
  const seen = new Set<string>();
  for (const [i, rec] of records.slice(1).entries()) {
    const line = i + 2;
    const day = rec[iDate] ?? '';
    const currency = (rec[iCur] ?? '').toUpperCase();
    const raw = rec[out.format === 'usd_rate' ? iUsd : iUnits] ?? '';
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      out.errors.push(`Line ${line}: date "${day}" is not a day like 2024-03-01`);
      continue;
    }
    if (!CURRENCY.test(currency)) {
      out.errors.push(
        `Line ${line}: currency "${rec[iCur] ?? ''}" is not a currency code like EUR`,
      );
      continue;
    }
    let value: bigint;
    try {
      value = parseFixed(raw);
    } catch {
      value = 0n;
    }
    if (value <= 0n) {
      out.errors.push(`Line ${line}: rate "${raw}" is not a positive decimal number`);
      continue;
    }
    if (currency === 'USD') {
      out.skippedUsd++;
      continue;
    }
    if (seen.has(`${day} ${currency}`)) {
      out.errors.push(`Line ${line}: ${currency} on ${day} appears twice`);
      continue;
    }
    seen.add(`${day} ${currency}`);
    const usdRate =
      out.format === 'usd_rate'
        ? roundFixed(value, RATE_DECIMALS)
        : (rateOf(FIXED_ONE, value) as bigint);
    out.rates.push({ day, currency, usdRate });
  }
  return out;
}
