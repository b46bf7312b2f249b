import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { type Fixed, fixedToNumber, parseFixed } from '../core/money/fixed';
import { toDbDate } from '../db/db-time';
import type { StrategyCurrencies, StrategyFill } from '../fills/strategy-fills';
import {
  ceilTo,
  floorTo,
  HOUR_MS,
  levelMs,
  MINUTE_MS,
  type Level,
  type StoredLevel,
} from '../rollup/domain/buckets';
import type { BucketSums } from '../rollup/domain/sums';
import { readFifoTime } from '../rollup/fifo';
import { readFillSums, readFillSumsAboveMark, readLevelSums } from '../rollup/read';
import { type Bands, drawsBands } from './domain/bands';
import type { HalfDisc, HalfDiscs } from './domain/half-discs';
import { type BandState, bandStates, bandsFromRollup } from './rollup-bands';
import { converted } from './rollup-converted';
import type { BucketedPoint } from './domain/series';
import { asOneLot, type LotSums, openLotSums } from './rollup-lots';

/**
 * A strategy window from the rollup, without reading its fills (lib/rollup; docs/rollup.md):
 * - figures by FIFO "from totals": realized revenue up to an instant t is
 *   R(t) = Σ ask − Σ bid prices before t − the open lots' cash at t (the lots FIFO leaves open:
 *   the newest same-side fills summing to the position), fees of matched legs likewise; the
 *   window's figures are R(end) − R(start): sums from the rollup, plus two lot searches;
 * - the position, revenue and profit series at the end of every bucket (minute, hour or day,
 *   whichever gives at most maxPoints) from the rollup's FIFO states (rollup_fifo);
 * - one half-disc per bucket, side and account, at the bucket's volume-weighted price.
 * Null when the rollup cannot answer (its FIFO state in this currency is not valid, a fee or
 * price cannot be converted, the history does not explain the position): the caller then
 * reads the fills, which says why.
 */
export interface RollupWindow {
  figures: {
    fillCount: number;
    openingPosition: Fixed;
    closingPosition: Fixed;
    bidVolume: Fixed;
    askVolume: Fixed;
    matchedVolume: Fixed;
    revenue: Fixed;
    fees: Fixed;
    volumeCurrencyFees: Fixed;
  };
  /** The lots open at the window's end, as one lot of their sums (to value them at the mark). */
  closingLots: StrategyFill[];
  series: { position: BucketedPoint[]; revenue: BucketedPoint[]; profit: BucketedPoint[] };
  trades: HalfDiscs;
  /** Past DISC_LIMIT fills the graphs draw bands (domain/bands.ts) and trades has no disc. */
  bands: Bands | null;
  /** The rollup level read: a band's buckets (4: 5 minutes), or the series' and discs'. */
  level: StoredLevel;
}

export interface Totals {
  position: Fixed;
  cash: Fixed;
  fee: Fixed;
  vcFee: Fixed;
  volume: Fixed;
}

export function totalsOf(rows: readonly BucketSums[], cur: StrategyCurrencies): Totals | null {
  const t: Totals = { position: 0n, cash: 0n, fee: 0n, vcFee: 0n, volume: 0n };
  for (const r of rows) {
    if (r.volumeCurrency !== cur.volumeCurrency) continue;
    const c = converted(r, cur.priceCurrency);
    if (c === null) return null;
    const bid = r.side === 'BID';
    t.position += bid ? r.volume : -r.volume;
    t.cash += bid ? -c.price : c.price;
    t.fee += c.fee;
    t.vcFee += r.volumeCurrencyFee;
    t.volume += r.volume;
  }
  return t;
}

export interface Instant {
  totals: Totals;
  /** The lots open at the instant, as one lot of their sums (null: nothing open). */
  lots: LotSums | null;
  /** Where the lots came from: the FIFO state of the instant's minute, or the lot search. */
  lotsFrom: 'state' | 'search' | null;
  /** Realized revenue, fees of matched legs, matched volume × 2 and matched volume-currency fees, since the history began. */
  realized: { revenue: Fixed; fees: Fixed; volume2: Fixed; vcFees: Fixed };
}

/** The position, totals, open lots and realized figures at an instant, from the rollup. */
export async function instant(
  trading: Pool,
  dashboards: Pool,
  q: { actor: string; cur: StrategyCurrencies; at: Date; mark: number; frontier: number },
): Promise<Instant | null> {
  // The running totals of the FIFO state at the last whole minute both before the instant and
  // replayed (its fills up to the mark), plus the fills above the mark before that minute and
  // every fill from it to the instant: one row and a few short reads, however long the history.
  const base = Math.min(floorTo(q.at.getTime(), MINUTE_MS), floorTo(q.frontier, MINUTE_MS));
  const [[state], above, rest] = await Promise.all([
    dashboards.query<RowDataPacket[]>(
      'SELECT `position`, `cash`, `fee`, `volume_currency_fee` AS vcFee, `volume`, `open_cash` AS openCash, ' +
        '`open_fee` AS openFee, `open_volume_currency_fee` AS openVcFee, `open_volume` AS openVolume FROM `rollup_fifo` ' +
        'WHERE `actor` = ? AND `volume_currency` = ? AND `currency` = ? AND `level` = 1 AND `bucket` < ? ' +
        'ORDER BY `bucket` DESC LIMIT 1',
      [q.actor, q.cur.volumeCurrency, q.cur.priceCurrency, toDbDate(new Date(base))],
    ),
    readFillSumsAboveMark(trading, { to: new Date(base), actor: q.actor, mark: q.mark }),
    readFillSums(trading, dashboards, {
      from: new Date(base),
      to: q.at,
      byDay: false,
      actor: q.actor,
      mark: q.mark,
    }),
  ]);
  const totals = totalsOf([...above, ...rest], q.cur);
  if (totals === null) return null;
  const row = state[0];
  const f = (v: unknown) => parseFixed(String(v));
  if (row) {
    totals.position += f(row.position);
    totals.cash += f(row.cash);
    totals.fee += f(row.fee);
    totals.vcFee += f(row.vcFee);
    totals.volume += f(row.volume);
  }
  let lots: LotSums | null = null;
  // Nothing filled between the state and the instant (an instant on a whole minute the states
  // have replayed, nothing above the mark before it): the state's own open lots are the lots
  // at the instant, no search needed (the same lots: domain/fifo-state.ts cuts the oldest one
  // as openingLots does).
  const moved = [...above, ...rest].some((r) => r.volumeCurrency === q.cur.volumeCurrency);
  const size = totals.position < 0n ? -totals.position : totals.position;
  const stateLots = row && !moved && size !== 0n && f(row.openVolume) === size;
  if (stateLots) {
    const side = totals.position > 0n ? 'BID' : 'ASK';
    const openCash = f(row.openCash);
    lots = {
      side,
      volume: f(row.openVolume),
      price: side === 'BID' ? -openCash : openCash,
      fee: f(row.openFee),
      feeInVolumeCurrency: f(row.openVcFee),
    };
  } else if (totals.position !== 0n) {
    lots = await openLotSums(
      { trading, dashboards },
      { actor: q.actor, cur: q.cur, at: q.at, position: totals.position, mark: q.mark },
    );
    if (lots === null) return null;
  }
  const bid = lots?.side === 'BID';
  const openCash = lots === null ? 0n : bid ? -lots.price : lots.price;
  return {
    totals,
    lots,
    lotsFrom: lots === null ? null : stateLots ? 'state' : 'search',
    realized: {
      revenue: totals.cash - openCash,
      fees: totals.fee - (lots?.fee ?? 0n),
      volume2: totals.volume - (lots?.volume ?? 0n),
      vcFees: totals.vcFee - (lots?.feeInVolumeCurrency ?? 0n),
    },
  };
}

/** The finest level whose buckets over the window number at most maxPoints. */
export function seriesLevel(spanMs: number, maxPoints: number): Level {
  if (spanMs / MINUTE_MS <= maxPoints) return 1;
  if (spanMs / HOUR_MS <= maxPoints) return 2;
  return 3;
}

export async function strategyFromRollup(
  pools: { trading: Pool; dashboards: Pool },
  q: {
    actor: string;
    currencies: StrategyCurrencies;
    window: { start: Date; end: Date };
    mark: number;
    maxPoints: number;
    /** The window's sums (readFillSums over it), when the caller has them already. */
    windowSums?: BucketSums[];
  },
): Promise<RollupWindow | null> {
  const { trading, dashboards } = pools;
  const cur = {
    priceCurrency: q.currencies.priceCurrency.toUpperCase(),
    volumeCurrency: q.currencies.volumeCurrency.toUpperCase(),
  };
  const actor = q.actor.toUpperCase();
  const [[[queue]], frontier] = await Promise.all([
    dashboards.query<RowDataPacket[]>(
      'SELECT `valid` FROM `rollup_fifo_queue` WHERE `actor` = ? AND `volume_currency` = ? AND `currency` = ?',
      [actor, cur.volumeCurrency, cur.priceCurrency],
    ),
    readFifoTime(dashboards),
  ]);
  if (!queue || Number(queue.valid) !== 1) return null;
  const s = q.window.start.getTime();
  const e = q.window.end.getTime();
  const [atStart, atEnd, windowRows] = await Promise.all([
    instant(trading, dashboards, { actor, cur, at: q.window.start, mark: q.mark, frontier }),
    instant(trading, dashboards, { actor, cur, at: q.window.end, mark: q.mark, frontier }),
    q.windowSums ??
      readFillSums(trading, dashboards, {
        from: q.window.start,
        to: q.window.end,
        byDay: false,
        actor,
        mark: q.mark,
      }),
  ]);
  if (atStart === null || atEnd === null) return null;
  const own = windowRows.filter((r) => r.volumeCurrency === cur.volumeCurrency);
  const sum = (side: 'BID' | 'ASK') =>
    own.filter((r) => r.side === side).reduce((v, r) => v + r.volume, 0n);
  const r0 = atStart.realized;
  const r1 = atEnd.realized;
  const figures = {
    fillCount: own.reduce((n, r) => n + r.count, 0),
    openingPosition: atStart.totals.position,
    closingPosition: atEnd.totals.position,
    bidVolume: sum('BID'),
    askVolume: sum('ASK'),
    matchedVolume: (r1.volume2 - r0.volume2) / 2n,
    revenue: r1.revenue - r0.revenue,
    fees: r1.fees - r0.fees,
    volumeCurrencyFees: r1.vcFees - r0.vcFees,
  };

  // Series: the FIFO state at the end of every bucket inside the window that the states have
  // replayed whole (before their fifo time), between exact points at both ends. Drawn as bands
  // (a busy window): one point a band, at the end of its last bucket, as the graph shows them.
  const banded = drawsBands(figures.fillCount)
    ? await bandsFromRollup(pools, {
        actor,
        cur,
        window: q.window,
        mark: q.mark,
        opening: atStart.totals.position,
        frontier,
      })
    : undefined;
  if (banded === null) return null;
  const level = seriesLevel(e - s, q.maxPoints);
  const states =
    banded?.states ?? (await seriesStates(dashboards, { actor, cur, level, s, e, frontier }));
  const n = fixedToNumber;
  const point = (t: number, v: Fixed, lo = v, hi = v): BucketedPoint => ({
    t,
    v: n(v),
    min: n(lo),
    max: n(hi),
  });
  const position: BucketedPoint[] = [point(s, atStart.totals.position)];
  const revenue: BucketedPoint[] = [point(s, 0n)];
  const profit: BucketedPoint[] = [point(s, 0n)];
  for (const r of states) {
    if (r.end >= e) continue;
    const rev = r.cash - r.openCash - r0.revenue;
    const fees = r.fee - r.openFee - r0.fees;
    position.push(point(r.end, r.position, r.lo, r.hi));
    revenue.push(point(r.end, rev));
    profit.push(point(r.end, rev - fees));
  }
  position.push(point(e, atEnd.totals.position));
  revenue.push(point(e, figures.revenue));
  profit.push(point(e, figures.revenue - figures.fees));

  const closingLots = atEnd.lots === null ? [] : [asOneLot(atEnd.lots)];
  const series = { position, revenue, profit };
  if (banded !== undefined) {
    return {
      figures,
      closingLots,
      series,
      trades: { discs: [], drawnFills: figures.fillCount, belowThreshold: 0, merged: true },
      bands: banded.bands,
      level: banded.level,
    };
  }
  return {
    figures,
    closingLots,
    series,
    trades: await bucketDiscs(pools, { actor, cur, s, e, level, mark: q.mark }),
    bands: null,
    level,
  };
}

/** The FIFO state at the end of every bucket of the level inside the window and replayed. */
function seriesStates(
  dashboards: Pool,
  q: {
    actor: string;
    cur: StrategyCurrencies;
    level: Level;
    s: number;
    e: number;
    frontier: number;
  },
): Promise<BandState[]> {
  const size = levelMs(q.level);
  const lastEnd = Math.min(floorTo(q.e, size), floorTo(q.frontier, size));
  // One bucket a "band": each state at its own bucket's end.
  return bandStates(dashboards, { ...q, size, from: ceilTo(q.s, size), to: lastEnd - size });
}

/** One half-disc per bucket, side and account at the level, at the volume-weighted price. */
async function bucketDiscs(
  pools: { trading: Pool; dashboards: Pool },
  q: { actor: string; cur: StrategyCurrencies; s: number; e: number; level: Level; mark: number },
): Promise<HalfDiscs> {
  const size = levelMs(q.level);
  const first = ceilTo(q.s, size);
  const last = Math.max(first, floorTo(q.e, size));
  const read = (from: number, to: number, byBucket: boolean) =>
    from >= to
      ? Promise.resolve([] as Array<BucketSums & { at: number }>)
      : readBucketSums(pools, { ...q, from, to, byBucket, size });
  const parts = (
    await Promise.all([read(q.s, first, false), read(first, last, true), read(last, q.e, false)])
  ).flat();
  const discs: HalfDisc[] = [];
  const cells = new Map<
    string,
    {
      side: 'BID' | 'ASK';
      at: number;
      volume: Fixed;
      price: Fixed;
      fee: Fixed;
      count: number;
      exchanges: Set<string>;
    }
  >();
  for (const r of parts) {
    if (r.volumeCurrency !== q.cur.volumeCurrency || r.volume === 0n) continue;
    const c = converted(r, q.cur.priceCurrency);
    if (c === null) continue;
    const key = `${r.at}\u0000${r.side}`;
    const cell = cells.get(key) ?? {
      side: r.side,
      at: r.at,
      volume: 0n,
      price: 0n,
      fee: 0n,
      count: 0,
      exchanges: new Set<string>(),
    };
    cell.volume += r.volume;
    cell.price += c.price;
    cell.fee += c.fee;
    cell.count += r.count;
    cell.exchanges.add(r.account);
    cells.set(key, cell);
  }
  for (const c of cells.values()) {
    const from = Math.floor(c.at / size) * size;
    discs.push({
      side: c.side,
      t: c.at,
      count: c.count,
      volume: c.volume,
      price: c.price,
      fee: c.fee,
      exchanges: [...c.exchanges].sort(),
      orderId: null,
      firstT: from,
      lastT: from + size - 1000,
    });
  }
  discs.sort((a, b) => a.t - b.t || (a.side < b.side ? -1 : a.side > b.side ? 1 : 0));
  return {
    discs,
    drawnFills: discs.reduce((n, d) => n + d.count, 0),
    belowThreshold: 0,
    merged: true,
  };
}

/** Rollup rows of [from, to) for the actor, per bucket of `size` (at its middle) or as one stretch. */
async function readBucketSums(
  pools: { trading: Pool; dashboards: Pool },
  q: {
    actor: string;
    from: number;
    to: number;
    byBucket: boolean;
    size: number;
    level: Level;
    mark: number;
  },
): Promise<Array<BucketSums & { at: number }>> {
  const { trading, dashboards } = pools;
  if (!q.byBucket) {
    const rows = await readFillSums(trading, dashboards, {
      from: new Date(q.from),
      to: new Date(q.to),
      byDay: false,
      actor: q.actor,
      mark: q.mark,
    });
    return rows.map((r) => ({ ...r, at: (q.from + q.to) / 2 }));
  }
  const rows = await readLevelSums(trading, dashboards, {
    from: new Date(q.from),
    to: new Date(q.to),
    level: q.level,
    actor: q.actor,
    mark: q.mark,
  });
  return rows.map((r) => ({ ...r, at: (r.bucket as number) + q.size / 2 }));
}
