import 'server-only';
import type { Pool } from 'mysql2/promise';
import { FIXED_SCALE, fixedToString } from '../core/money/fixed';
import { DAY_MS } from '../core/time/calendar';
import { readFillSums } from '../rollup/read';
import type { BucketSums } from '../rollup/domain/sums';
import { dayOf, floorDay } from './domain/days';
import type { FillSums } from './domain/types';

/**
 * Fill sums for a fund window [start, end), from the rollup (lib/rollup/read.ts: whole buckets,
 * plus the few fills at the ends and above its mark read live).
 */
export interface FundFillData {
  /** Everything before the start. */
  opening: FillSums[];
  /** The window, by day. */
  window: FillSums[];
  /** Whole days at both ends (for day rates): the window plus the rest of its first and last day. */
  rateRows: FillSums[];
}

/** The fund's shape of the rollup's sums: exact decimal strings. */
export function toFundSums(r: BucketSums): FillSums {
  const exact = (v: bigint) => fixedToString(v, FIXED_SCALE);
  return {
    day: r.bucket === null ? null : dayOf(r.bucket),
    account: r.account,
    actor: r.actor,
    side: r.side,
    priceCurrency: r.priceCurrency,
    volumeCurrency: r.volumeCurrency,
    feeCurrency: r.feeCurrency,
    rated: r.rated,
    volume: exact(r.volume),
    price: exact(r.notional),
    priceUsd: exact(r.notionalUsd),
    fee: exact(r.fee),
    count: r.count,
  };
}

export async function loadFillData(
  trading: Pool,
  dashboards: Pool,
  q: { start: Date; end: Date; mark: number },
): Promise<FundFillData> {
  const start = q.start.getTime();
  const end = q.end.getTime();
  const firstDayStart = floorDay(start);
  const read = (from: number | null, to: number, byDay: boolean) =>
    readFillSums(trading, dashboards, {
      from: from === null ? null : new Date(from),
      to: new Date(to),
      byDay,
      mark: q.mark,
    }).then((rows) => rows.map(toFundSums));
  const [history, firstDayHead, window, lastDayTail] = await Promise.all([
    read(null, firstDayStart, false),
    read(firstDayStart, start, true),
    read(start, end, true),
    read(end, floorDay(end) + DAY_MS, true),
  ]);
  return {
    opening: [...history, ...firstDayHead],
    window,
    rateRows: [...firstDayHead, ...window, ...lastDayTail],
  };
}
