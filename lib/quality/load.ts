import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { StrategyConfig } from '../config/types';
import type { TimeWindow } from '../core/time/time-window';
import { fixedToNumber } from '../core/money/fixed';
import { parseDbDate } from '../db/db-time';
import { fillAmount, fillFeeValue, fillSide, fillUnitPrice } from '../fills/rules';
import { readFillSums, readRollupMark } from '../rollup/read';
import { inferStrategyFromSums } from '../strategy/infer';
import { openingPosition, usualVolumeCurrency } from '../strategy/position';
import { listStrategyFills } from '../strategy/queries';
import { LONGEST_HORIZON_MS } from './domain/markouts';
import { ReferenceTimeline } from './domain/reference-price';
import {
  type QualityData,
  type QualityFill,
  markoutTableOf,
  mergeTables,
  SPREAD_SLICES,
  qualityData,
} from './domain/view';
import { countLateFills, listOrdersById, listOwnOrders, type OwnOrder } from './queries';
import { loadPairSpans, readCoveredFlows } from './spans';
import { readMarkoutTable } from './rollup';
import { readStoredQuoting } from './rollup-quoting';
import { MINUTE_EDGES_MIN_WINDOW_MS, sliceEdges } from './domain/uptime';

/** What the quality page and /api/strategy/<key>/quality show. */
export interface QualityView extends QualityData {
  strategy: Pick<
    StrategyConfig,
    'key' | 'displayName' | 'strategyActor' | 'priceCurrency' | 'volumeCurrency'
  > & { positionRange: { min: string; max: string } | null };
  window: { start: string; end: string };
  fills: number;
  /** Where the markouts came from: every fill replayed, or the rollup's buckets plus the rest. */
  markoutPath: 'fills' | 'rollup';
  /** Where quoting and uptime came from: the window's orders, or the rollup plus the ends. */
  quotingPath: 'orders' | 'rollup';
  notes: string[];
  timings: Record<string, number>;
}

const upper = (s: string | null) => (s ?? '').toUpperCase();
const HOUR = 3_600_000;
const QUOTE_LOOKBACK_MS = 24 * HOUR;
/**
 * Windows at least this long read the markouts of whole buckets from the rollup, and their
 * quoting and uptime (their slice edges are whole minutes): 8 hours, so a day is read through
 * the rollup too (rollup.db.test.ts: the rollup path = the raw path for windows of 2 h to 3 days).
 */
export const ROLLUP_MIN_WINDOW_MS = MINUTE_EDGES_MIN_WINDOW_MS;

/**
 * Loads a window (docs/quality.md#how-a-window-is-computed). Short windows replay every fill:
 * the strategy's fills, its orders (placed in the window, and open in it for the reference and
 * the uptime), each pair's orders and fills from a day before the window to an hour after it
 * (the age limits of domain/reference-price.ts and the longest horizon; never past now).
 * Windows of 8 hours or more (or `path: 'rollup'`) take the markouts and the position's
 * minute-by-minute changes of whole buckets before the quality time from the rollup, and replay
 * only the fills outside them (the window's ends, the last hour or so); so do the quoting and
 * uptime figures (the rollup of quoting), the strategy's orders being read around the ends only. `path: 'fills'` always replays: the exactness test.
 */
export async function loadStrategyQuality(
  config: StrategyConfig,
  window: TimeWindow,
  now: Date,
  pools: { trading: Pool; dashboards: Pool },
  opts: {
    path?: 'auto' | 'fills' | 'rollup';
    /** 'orders': quoting and uptime from every order of the window even when the markouts
     * come from the rollup (the benchmark's comparison). */
    quoting?: 'auto' | 'orders';
  } = {},
): Promise<QualityView> {
  const { trading, dashboards } = pools;
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    timings[name] = Math.round(performance.now() - t);
    t = performance.now();
  };
  const actor = config.strategyActor;
  const notes: string[] = [];
  const from = window.start.getTime();
  const to = window.end.getTime();
  const until = Math.min(to, now.getTime());
  const horizonEnd = Math.min(to + LONGEST_HORIZON_MS, now.getTime() + 1000);

  const mark = await readRollupMark(dashboards);
  const sums = await readFillSums(trading, dashboards, {
    from: window.start,
    to: window.end,
    byDay: false,
    actor,
    mark,
  });
  const strategy = inferStrategyFromSums(
    config,
    sums.map((s) => ({ ...s, volume: fixedToNumber(s.volume) })),
    config.inferred.includes('volumeCurrency')
      ? await usualVolumeCurrency(dashboards, actor)
      : null,
  );
  const vc = upper(strategy.volumeCurrency);
  const pc = upper(strategy.priceCurrency);
  const other = sums
    .filter((s) => s.volumeCurrency !== vc || s.priceCurrency !== pc)
    .reduce((n, s) => n + s.count, 0);
  if (other > 0) notes.push(`${other} fills in another pair than ${vc}/${pc} are left out.`);
  lap('sums');

  const useRollup =
    opts.path === 'rollup' || (opts.path !== 'fills' && to - from >= ROLLUP_MIN_WINDOW_MS);
  let stored = useRollup
    ? await readMarkoutTable(dashboards, { actor, volumeCurrency: vc, priceCurrency: pc, from, to })
    : null;
  if (stored) {
    // Fills above the rollup's mark dated inside the covered stretch were recorded after the
    // markouts passed their time: until the rollup takes them and the background job rewinds
    // the markouts (lib/background/scheduler.ts), this window replays every fill.
    const late = await countLateFills(trading, mark, stored.coveredFrom, stored.coveredTo);
    if (late > 0) {
      notes.push(
        `${late} fills recorded after the rollup passed their time: the markouts are computed from every fill until the rollup has caught up with them.`,
      );
      stored = null;
    }
  }
  // The covered stretch [cs, ce): whole buckets, contiguous (lib/rollup/domain/buckets.ts).
  const cs = stored?.coveredFrom ?? to;
  const ce = stored?.coveredTo ?? to;
  const spans: Array<[number, number]> = stored
    ? ([
        [from, cs],
        [ce, to],
      ].filter(([a, b]) => b > a) as Array<[number, number]>)
    : [[from, to]];
  lap('rollup');

  const rows = (
    await Promise.all(
      spans.map(([a, b]) =>
        listStrategyFills(trading, { actor, start: new Date(a), end: new Date(b) }),
      ),
    )
  ).flat();
  const fills: QualityFill[] = [];
  let thirdCurrencyFees = 0;
  for (const r of rows) {
    const unit = fillUnitPrice(r.price, r.volume);
    if (upper(r.volumeCurrency) !== vc || upper(r.priceCurrency) !== pc || unit === null) continue;
    const fee = fillFeeValue({ ...r, notional: r.price });
    if (fee === null) thirdCurrencyFees++;
    fills.push({
      time: parseDbDate(r.time)!.getTime(),
      side: fillSide(r.side, null),
      volume: fillAmount(r.volume),
      unitPrice: unit,
      notional: fillAmount(r.price),
      fee,
      exchange: upper(r.exchangeName),
    });
  }
  lap('fills');

  // Quoting and uptime of the covered stretch from the rollup of quoting (windows of 8 h or
  // more: their slices' edges are whole minutes); the strategy's orders are then read only
  // around the replayed ends (their quotes from a day before, the references an hour after).
  const quotingStored =
    stored && to - from >= MINUTE_EDGES_MIN_WINDOW_MS && opts.quoting !== 'orders'
      ? await readStoredQuoting(
          dashboards,
          {
            actor,
            cs,
            ce,
            edges: sliceEdges(from, until, SPREAD_SLICES),
          },
          timings,
        )
      : null;
  lap('quotingRollup');
  let own: OwnOrder[];
  let placed: OwnOrder[];
  if (quotingStored) {
    const head: [number, number] = [from - QUOTE_LOOKBACK_MS, Math.min(cs + HOUR, horizonEnd)];
    const tail: [number, number] = [ce - QUOTE_LOOKBACK_MS, horizonEnd];
    // When the two overlap (a window of a day or so), the rest after the head is read as one,
    // the filled volumes only from ce on (the covered stretch's orders come from the rollup).
    const reads =
      head[1] >= tail[0]
        ? [
            { range: head, filledFrom: from },
            { range: [head[1], horizonEnd], filledFrom: ce },
          ].filter((r) => r.range[1] > r.range[0])
        : [
            { range: head, filledFrom: from },
            { range: tail, filledFrom: ce },
          ];
    const [parts, pending] = await Promise.all([
      Promise.all(
        reads.map((r) =>
          listOwnOrders(trading, {
            actor,
            from: new Date(r.range[0]),
            to: new Date(r.range[1]),
            filledFrom: new Date(r.filledFrom),
          }),
        ),
      ),
      listOrdersById(trading, quotingStored.pendingIds),
    ]);
    own = parts.flat();
    placed = [
      ...own.filter((o) => o.open >= from && o.open < to && (o.open < cs || o.open >= ce)),
      ...pending,
    ];
  } else {
    own = await listOwnOrders(trading, {
      actor,
      from: new Date(from - QUOTE_LOOKBACK_MS),
      to: new Date(horizonEnd),
    });
    placed = own.filter((o) => o.open >= from && o.open < to);
  }
  lap('orders');
  const exchanges = new Set(fills.map((f) => f.exchange));
  for (const s of sums)
    if (s.volumeCurrency === vc && s.priceCurrency === pc) exchanges.add(s.account);
  for (const o of placed) exchanges.add(upper(o.exchange));
  for (const e of quotingStored?.exchanges ?? []) exchanges.add(e);
  const quotesOf = new Map<string, OwnOrder[]>();
  for (const o of own) {
    const key = upper(o.exchange);
    if (!quotesOf.has(key)) quotesOf.set(key, []);
    quotesOf.get(key)!.push(o);
  }
  // Pair data where references are needed: every span replayed (its fills' horizons), and the
  // window's start and end (the decomposition's marks).
  const needed: Array<[number, number]> = spans.map(([a, b]) => [
    a,
    Math.min(b + LONGEST_HORIZON_MS, horizonEnd),
  ]);
  needed.push([from, from + 1000], [until - 1000, Math.max(until, horizonEnd)]);
  const timelines = new Map<string, ReferenceTimeline>();
  await Promise.all(
    [...exchanges].map(async (exchange) => {
      const pair = await loadPairSpans(trading, exchange, needed);
      timelines.set(
        exchange,
        new ReferenceTimeline(pair.orders, quotesOf.get(exchange) ?? [], pair.fills),
      );
    }),
  );
  lap('pairs');

  const markouts = markoutTableOf(fills, timelines, now.getTime());
  if (stored) mergeTables(markouts, stored.table);
  lap('markouts');

  const opening = await openingPosition(trading, dashboards, {
    actor,
    volumeCurrency: vc,
    at: window.start,
    mark,
  });
  // Position changes and cash flows of the stored stretch, a minute at a time (its fills are
  // not read): as fills at the minute's start.
  const flows = stored
    ? await readCoveredFlows(dashboards, { actor, vc, pc, from: cs, to: ce })
    : { fills: [], unvaluedFees: 0 };
  thirdCurrencyFees += flows.unvaluedFees;
  if (thirdCurrencyFees > 0)
    notes.push(`${thirdCurrencyFees} fills have a fee in a third currency, left out of the fees.`);
  const allFills = [...fills, ...flows.fills].sort((a, b) => a.time - b.time);
  lap('opening');
  const range =
    config.positionGraphMin !== undefined && config.positionGraphMax !== undefined
      ? { min: config.positionGraphMin, max: config.positionGraphMax }
      : null;
  const data = qualityData({
    from,
    until,
    fills: allFills,
    markouts,
    timelines,
    mainExchange: mainExchangeOf(sums, vc, pc),
    placed: placed.map((o) => ({
      created: o.open,
      executed: o.close,
      volume: o.volume,
      filledVolume: o.filledVolume,
    })),
    stored: quotingStored && {
      from: cs,
      to: ce,
      quoting: quotingStored.sums,
      uptime: quotingStored.uptime,
    },
    openingPosition: opening.position,
    range: range && { min: Number(range.min), max: Number(range.max) },
  });
  lap('compute');
  if (data.decomposition === null && allFills.length > 0)
    notes.push('No reference price at the window’s start or end: no P&L decomposition.');
  if (stored)
    notes.push(
      quotingStored
        ? 'Markouts, quoting and uptime of whole minutes, hours and days from the rollup; the position moves a minute at a time there.'
        : 'Markouts of whole minutes, hours and days from the rollup; the position moves a minute at a time there.',
    );
  return {
    ...data,
    strategy: {
      key: strategy.key,
      displayName: strategy.displayName,
      strategyActor: strategy.strategyActor,
      priceCurrency: pc,
      volumeCurrency: vc,
      positionRange: range,
    },
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    fills: sums
      .filter((s) => s.volumeCurrency === vc && s.priceCurrency === pc)
      .reduce((n, s) => n + s.count, 0),
    markoutPath: stored ? 'rollup' : 'fills',
    quotingPath: quotingStored ? 'rollup' : 'orders',
    notes,
    timings,
  };
}

/** The exchange with the most fills of the pair's currencies. */
function mainExchangeOf(
  sums: ReadonlyArray<{
    account: string;
    volumeCurrency: string;
    priceCurrency: string;
    count: number;
  }>,
  vc: string,
  pc: string,
): string | null {
  const by = new Map<string, number>();
  for (const s of sums)
    if (s.volumeCurrency === vc && s.priceCurrency === pc)
      by.set(s.account, (by.get(s.account) ?? 0) + s.count);
  return [...by.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
}
