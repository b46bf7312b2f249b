import { type Fixed, fixedToString, parseFixed, parseFixedOrZero } from '../../core/money/fixed';
import { floorTo, levelMs, type StoredLevel } from './buckets';

/**
 * Exact sums of fills sharing a key (lib/fills rules: actor, account, side, currencies, rated)
 * over a time bucket, as the rollup stores and serves them. Amounts are Fixed (bigint, 10^-36):
 * sums of DECIMAL(24,14) columns and of price × rate (24 places) never round.
 */
export type Side = 'BID' | 'ASK';

export interface FillKey {
  actor: string;
  /** order.exchange_name, upper-cased: the account the fill belongs to. */
  account: string;
  side: Side;
  priceCurrency: string;
  volumeCurrency: string;
  /** A NULL or empty fee currency is the price currency. */
  feeCurrency: string;
  /** The order had a USD rate (exchange_rate > 0, or a USD price). */
  rated: boolean;
}

export interface BucketSums extends FillKey {
  /** Bucket start (epoch ms), or null for sums over a whole range. */
  bucket: number | null;
  volume: Fixed;
  /** Σ trade.price: the fills' total notional in the price currency. */
  notional: Fixed;
  /** Σ price × USD rate; 0 for unrated fills. */
  notionalUsd: Fixed;
  fee: Fixed;
  count: number;
  /** Fees valued in the price currency, and in USD, by lib/fills' rules (0 where not valued). */
  feeValue: Fixed;
  feeValueUsd: Fixed;
  /** Fills whose fee those rules could not value (a third currency; for USD, no rate either). */
  feeUnvalued: number;
  feeUnvaluedUsd: number;
  /** The part of the fees charged in the volume currency, in volume-currency units. */
  volumeCurrencyFee: Fixed;
  /** Over price / volume of the fills with a volume; null when none had one. */
  minUnitPrice: Fixed | null;
  maxUnitPrice: Fixed | null;
}

export const keyOf = (k: FillKey): string =>
  `${k.actor}\u0000${k.account}\u0000${k.side}\u0000${k.priceCurrency}\u0000${k.volumeCurrency}\u0000${k.feeCurrency}\u0000${k.rated ? 1 : 0}`;

const minOf = (a: Fixed | null, b: Fixed | null) =>
  a === null ? b : b === null ? a : a < b ? a : b;
const maxOf = (a: Fixed | null, b: Fixed | null) =>
  a === null ? b : b === null ? a : a > b ? a : b;

/** Adds `row` into `into` (same key): the one place sums are combined. */
export function addSums(into: BucketSums, row: BucketSums): void {
  into.volume += row.volume;
  into.notional += row.notional;
  into.notionalUsd += row.notionalUsd;
  into.fee += row.fee;
  into.count += row.count;
  into.feeValue += row.feeValue;
  into.feeValueUsd += row.feeValueUsd;
  into.feeUnvalued += row.feeUnvalued;
  into.feeUnvaluedUsd += row.feeUnvaluedUsd;
  into.volumeCurrencyFee += row.volumeCurrencyFee;
  into.minUnitPrice = minOf(into.minUnitPrice, row.minUnitPrice);
  into.maxUnitPrice = maxOf(into.maxUnitPrice, row.maxUnitPrice);
}

/**
 * Rows merged per key and per `bucketOf(row)` (null: one row per key over everything). Input
 * rows are not modified. Output in key order, then bucket order: deterministic.
 */
export function mergeSums(
  rows: Iterable<BucketSums>,
  bucketOf: (row: BucketSums) => number | null,
): BucketSums[] {
  const out = new Map<string, BucketSums>();
  for (const row of rows) {
    const bucket = bucketOf(row);
    const key = `${bucket}\u0000${keyOf(row)}`;
    const hit = out.get(key);
    if (hit) addSums(hit, row);
    else out.set(key, { ...row, bucket });
  }
  return [...out.values()].sort((a, b) =>
    keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : (a.bucket ?? 0) - (b.bucket ?? 0),
  );
}

/** Finer rows summed into the buckets of a coarser level. */
export const rollUp = (rows: Iterable<BucketSums>, level: StoredLevel): BucketSums[] =>
  mergeSums(rows, (r) => floorTo(r.bucket as number, levelMs(level)));

/** A row as SQL returns it (DECIMAL columns as strings) -> BucketSums. */
export function sumsFromSql(r: {
  bucket?: string | Date | null;
  actor: unknown;
  account: unknown;
  side: unknown;
  pc: unknown;
  vc: unknown;
  fc: unknown;
  rated: unknown;
  volume: unknown;
  notional: unknown;
  notionalUsd: unknown;
  fee: unknown;
  n: unknown;
  feeValue: unknown;
  feeValueUsd: unknown;
  feeUnvalued: unknown;
  feeUnvaluedUsd: unknown;
  vcFee: unknown;
  minUnit?: unknown;
  maxUnit?: unknown;
}): BucketSums {
  const nullable = (v: unknown) => (v === null || v === undefined ? null : parseFixed(String(v)));
  return {
    bucket: r.bucket === null || r.bucket === undefined ? null : bucketMs(r.bucket),
    actor: String(r.actor ?? ''),
    account: String(r.account ?? ''),
    side: r.side === 'BID' ? 'BID' : 'ASK',
    priceCurrency: String(r.pc ?? ''),
    volumeCurrency: String(r.vc ?? ''),
    feeCurrency: String(r.fc ?? ''),
    rated: Number(r.rated) === 1,
    volume: parseFixedOrZero(r.volume as string | null),
    notional: parseFixedOrZero(r.notional as string | null),
    notionalUsd: parseFixedOrZero(r.notionalUsd as string | null),
    fee: parseFixedOrZero(r.fee as string | null),
    count: Number(r.n),
    feeValue: parseFixedOrZero(r.feeValue as string | null),
    feeValueUsd: parseFixedOrZero(r.feeValueUsd as string | null),
    feeUnvalued: Number(r.feeUnvalued ?? 0),
    feeUnvaluedUsd: Number(r.feeUnvaluedUsd ?? 0),
    volumeCurrencyFee: parseFixedOrZero(r.vcFee as string | null),
    minUnitPrice: nullable(r.minUnit),
    maxUnitPrice: nullable(r.maxUnit),
  };
}

/** 'YYYY-MM-DD HH:MM:SS' (naive UTC) or a Date -> epoch ms. */
function bucketMs(v: string | Date): number {
  if (v instanceof Date) return v.getTime();
  const ms = Date.parse(`${v.replace(' ', 'T')}${v.length === 10 ? 'T00:00:00' : ''}Z`);
  if (Number.isNaN(ms)) throw new Error(`unreadable bucket time "${v}"`);
  return ms;
}

/** Column values for rollup_fill (level, bucket, keys, sums) in the table's order. */
export function sumsToRow(level: StoredLevel, r: BucketSums): unknown[] {
  return [
    level,
    new Date(r.bucket as number).toISOString().slice(0, 19).replace('T', ' '),
    r.actor,
    r.account,
    r.side,
    r.priceCurrency,
    r.volumeCurrency,
    r.feeCurrency,
    r.rated ? 1 : 0,
    fixedToString(r.volume, 14),
    fixedToString(r.notional, 14),
    fixedToString(r.notionalUsd, 24),
    fixedToString(r.fee, 14),
    r.count,
    fixedToString(r.feeValue, 32),
    fixedToString(r.feeValueUsd, 34),
    r.feeUnvalued,
    r.feeUnvaluedUsd,
    fixedToString(r.volumeCurrencyFee, 14),
    r.minUnitPrice === null ? null : fixedToString(r.minUnitPrice, 18),
    r.maxUnitPrice === null ? null : fixedToString(r.maxUnitPrice, 18),
  ];
}
