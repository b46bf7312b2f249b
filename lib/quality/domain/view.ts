import { type Fixed, fixedToString } from '../../core/money/fixed';
import type { FillSide } from '../../fills/rules';
import { decompose } from './decomposition';
import { type InventoryStats, inventoryStats } from './inventory';
import { type MarkoutTable, addFillToTable, emptyTable, mergeSums } from './markouts';
import {
  type PlacedOrder,
  type QuotingStats,
  type QuotingSums,
  addPlacedOrder,
  emptyQuotingSums,
  mergeQuotingSums,
  quotingStatsOfSums,
} from './quoting';
import type { ReferenceTimeline } from './reference-price';
import { type MarkoutRow, markoutRows } from './stats';
import { type UptimeStats, UptimeAccumulator, uptimeStats } from './uptime';

/**
 * The quality view of one strategy over one window, from loaded inputs (pure). Amounts leave
 * as decimal strings (exact), statistics as numbers. Only fills of the strategy's volume and
 * price currency count (the loader leaves the others out and says so).
 */
export interface QualityFill {
  time: number;
  side: FillSide;
  volume: Fixed;
  unitPrice: Fixed;
  notional: Fixed;
  /** In the price currency; null when charged in a third currency (left out, counted). */
  fee: Fixed | null;
  exchange: string;
  /** Fills this entry stands for (a minute's sum from the rollup); 1 when absent. */
  count?: number;
}

export interface QualityData {
  markouts: MarkoutRow[];
  decomposition: {
    revenue: string;
    spreadCapture: string;
    inventory: string;
    fees: string;
    net: string;
  } | null;
  quoting: QuotingStats;
  exchanges: Array<{ exchange: string; fills: number; uptime: UptimeStats }>;
  inventory: InventoryStats;
}

const str = (f: Fixed) => fixedToString(f);
export const SPREAD_SLICES = 48;

/** The markout table of a set of fills, each priced on its own exchange's timeline. */
export function markoutTableOf(
  fills: readonly QualityFill[],
  timelines: ReadonlyMap<string, ReferenceTimeline>,
  knownUntil: number,
): MarkoutTable {
  const table = emptyTable();
  for (const f of fills) {
    const tl = timelines.get(f.exchange);
    addFillToTable(table, f, (t) => (tl ? tl.at(t) : null), knownUntil);
  }
  return table;
}

export function mergeTables(into: MarkoutTable, add: MarkoutTable): void {
  for (const side of ['BID', 'ASK'] as const)
    into.bySide[side].forEach((s, i) => mergeSums(s, add.bySide[side][i]));
  add.pending.forEach((n, i) => (into.pending[i] += n));
  add.unpriced.forEach((n, i) => (into.unpriced[i] += n));
}

export function qualityData(q: {
  from: number;
  /** min(window end, now): the span that has happened. */
  until: number;
  fills: readonly QualityFill[];
  markouts: MarkoutTable;
  timelines: ReadonlyMap<string, ReferenceTimeline>;
  /** The exchange whose reference marks the position at the window's ends. */
  mainExchange: string | null;
  placed: readonly PlacedOrder[];
  /**
   * The rollup of quoting's sums over [from, to) (whole minutes in the window): its placed
   * orders (not in `placed`) and two-sided time per exchange ([bucket start, spread → ms],
   * each bucket within one slice); the segments count outside it only.
   */
  stored?: {
    from: number;
    to: number;
    quoting: QuotingSums;
    uptime: ReadonlyMap<string, ReadonlyArray<readonly [number, ReadonlyMap<number, number>]>>;
  } | null;
  openingPosition: Fixed;
  range: { min: number; max: number } | null;
}): QualityData {
  let cashFlow = 0n;
  let fees = 0n;
  let position = q.openingPosition;
  const changes = [];
  const perExchange = new Map<string, number>();
  for (const f of q.fills) {
    const signed = f.side === 'BID' ? f.volume : -f.volume;
    cashFlow += f.side === 'BID' ? -f.notional : f.notional;
    fees += f.fee ?? 0n;
    position += signed;
    changes.push({ time: f.time, delta: signed });
    perExchange.set(f.exchange, (perExchange.get(f.exchange) ?? 0) + (f.count ?? 1));
  }
  const main = q.mainExchange === null ? undefined : q.timelines.get(q.mainExchange);
  // A flat position needs no mark: its value is 0 whatever the price.
  const flat = { price: 0n, source: 'last-fill' as const };
  const rStart = q.openingPosition === 0n ? flat : (main?.at(q.from) ?? null);
  const rEnd = position === 0n ? flat : (main?.at(q.until - 1) ?? null);
  const spread = q.markouts.bySide.BID[0].money + q.markouts.bySide.ASK[0].money;
  const d =
    rStart && rEnd
      ? decompose({
          cashFlow,
          openingPosition: q.openingPosition,
          closingPosition: position,
          referenceStart: rStart.price,
          referenceEnd: rEnd.price,
          spreadCapture: spread,
          fees,
        })
      : null;
  const stored = q.stored ?? null;
  const uptimeOf = (exchange: string, tl: ReferenceTimeline) => {
    if (!stored) return uptimeStats(tl.segments, q.from, q.until, SPREAD_SLICES);
    const acc = new UptimeAccumulator(q.from, q.until, SPREAD_SLICES);
    acc.addSegments(tl.segments, q.from, stored.from);
    for (const [start, sums] of stored.uptime.get(exchange) ?? []) acc.addStoredBucket(start, sums);
    acc.addSegments(tl.segments, stored.to, q.until);
    return acc.result();
  };
  const quoting = emptyQuotingSums();
  for (const o of q.placed) addPlacedOrder(quoting, o);
  if (stored) mergeQuotingSums(quoting, stored.quoting);
  const exchanges = [...q.timelines.entries()]
    .map(([exchange, tl]) => ({
      exchange,
      fills: perExchange.get(exchange) ?? 0,
      uptime: uptimeOf(exchange, tl),
    }))
    .sort((a, b) => b.fills - a.fills || a.exchange.localeCompare(b.exchange));
  return {
    markouts: markoutRows(q.markouts, str),
    decomposition: d && {
      revenue: str(d.revenue),
      spreadCapture: str(d.spreadCapture),
      inventory: str(d.inventory),
      fees: str(d.fees),
      net: str(d.net),
    },
    quoting: quotingStatsOfSums(quoting, str),
    exchanges,
    inventory: inventoryStats(q.openingPosition, changes, q.from, q.until, q.range),
  };
}
