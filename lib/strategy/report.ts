import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { StrategyConfig } from '../config/types';
import {
  type Fixed,
  fixedMul,
  fixedToNumber,
  fixedToString,
  parseFixed,
} from '../core/money/fixed';
import type { TimeWindow } from '../core/time/time-window';
import { toDbDate } from '../db/db-time';
import { DAY_MS, floorTo } from '../rollup/domain/buckets';
import { readFifoTime } from '../rollup/fifo';
import { readFillSums, readRollupStatus, rollupProgressNote } from '../rollup/read';
import { summarisePnl, type PnlReport } from '../report/domain/summary';
import { reportDays } from '../report/domain/window';
import { inferStrategyFromSums } from './infer';
import { usualVolumeCurrency } from './position';
import { closingPrices } from './report-marks';
import { totalsOf } from './rollup-path';

/**
 * The strategy's performance report (docs/report.md): its value at every UTC day's close,
 *   E(t) = cash(t) + position(t) × close(t) − fees(t)
 * (cash = Σ ask − Σ bid notionals, fees every fee paid, all since the history began, in the
 * strategy's price currency), which is realized FIFO revenue + unrealized P&L of the open lots
 * at the close − fees: the open lots' cost cancels between the two. Daily P&L = E(close) −
 * E(previous close). Each boundary is one read of the rollup's FIFO state at that day's end
 * (rollup_fifo, level 3), or, past what the states have replayed, the rollup's sums up to it.
 */
export interface StrategyReport {
  strategy: Pick<
    StrategyConfig,
    'key' | 'displayName' | 'strategyActor' | 'priceCurrency' | 'volumeCurrency' | 'inferred'
  >;
  window: { start: string; end: string };
  /** The UTC days covered (the window widened to whole days, up to now). */
  days: { first: string | null; last: string | null; count: number };
  /** False when the rollup cannot value this strategy in its price currency (notes say why). */
  available: boolean;
  pnl: PnlReport;
  /** Position and closing price at the window's start and end; P&L of just holding the start. */
  hold: {
    positionStart: string;
    positionEnd: string;
    priceStart: string | null;
    priceEnd: string | null;
    /** positionStart × (priceEnd − priceStart); null without both prices. */
    pnl: string | null;
    /** The strategy's P&L minus that. */
    excess: string | null;
  };
  notes: string[];
  timings: Record<string, number>;
}

export interface BoundaryState {
  position: Fixed;
  cash: Fixed;
  fee: Fixed;
}

const ZERO: BoundaryState = { position: 0n, cash: 0n, fee: 0n };

/** E = cash + position × close − fees; a position with no close known is valued at 0. */
export function equityOf(s: BoundaryState, close: Fixed | null): Fixed {
  return s.cash + (close === null ? 0n : fixedMul(s.position, close)) - s.fee;
}

/** Closes carried forward over days with no fill of the pair (then back from the first one). */
export function fillCloses(closes: ReadonlyArray<Fixed | null>): Array<Fixed | null> {
  const out = [...closes];
  for (let i = 1; i < out.length; i++) if (out[i] === null) out[i] = out[i - 1];
  const first = out.findIndex((c) => c !== null);
  for (let i = 0; i < first; i++) out[i] = out[first];
  return out;
}

/**
 * The closes a report needs: at the window's two ends (holding the start) and wherever a
 * position is open (a flat boundary's value does not depend on the price), each carried
 * forward where no fill was found. A flat or idle strategy costs two lookups, not one a day.
 */
export async function closesFor(
  trading: Pool,
  cur: { priceCurrency: string; volumeCurrency: string },
  boundaries: number[],
  states: readonly BoundaryState[],
): Promise<{ raw: Array<Fixed | null>; closes: Array<Fixed | null>; needed: boolean[] }> {
  const needed = states.map((s, k) => k === 0 || k === states.length - 1 || s.position !== 0n);
  const raw = await closingPrices(trading, cur, boundaries, needed);
  return { raw, closes: fillCloses(raw), needed };
}

/**
 * The state (position, cash, fees) at each boundary, from the rollup. Null when the rollup's
 * FIFO state for this strategy and currency is not valid or a fill cannot be converted.
 */
export async function boundaryStates(
  pools: { trading: Pool; dashboards: Pool },
  q: {
    actor: string;
    priceCurrency: string;
    volumeCurrency: string;
    boundaries: number[];
    mark: number;
  },
): Promise<BoundaryState[] | null> {
  const { trading, dashboards } = pools;
  const actor = q.actor.toUpperCase();
  const cur = {
    priceCurrency: q.priceCurrency.toUpperCase(),
    volumeCurrency: q.volumeCurrency.toUpperCase(),
  };
  const [[queue]] = await dashboards.query<RowDataPacket[]>(
    'SELECT `valid` FROM `rollup_fifo_queue` WHERE `actor` = ? AND `volume_currency` = ? AND `currency` = ?',
    [actor, cur.volumeCurrency, cur.priceCurrency],
  );
  // No queue: the states have not reached this actor (or it never filled in this pair).
  if (queue && Number(queue.valid) !== 1) return null;
  const frontier = floorTo(await readFifoTime(dashboards), DAY_MS);
  const fromStates = q.boundaries.filter((b) => b % DAY_MS === 0 && b <= frontier);
  const states = new Map<number, BoundaryState>();
  if (queue && fromStates.length > 0) {
    const first = fromStates[0];
    const last = fromStates[fromStates.length - 1];
    const cols = '`bucket`, `position`, `cash`, `fee`';
    const where = 'WHERE `actor` = ? AND `volume_currency` = ? AND `currency` = ? AND `level` = 3';
    const key = [actor, cur.volumeCurrency, cur.priceCurrency];
    const [[before], [rows]] = await Promise.all([
      dashboards.query<RowDataPacket[]>(
        `SELECT ${cols} FROM \`rollup_fifo\` ${where} AND \`bucket\` < ? ORDER BY \`bucket\` DESC LIMIT 1`,
        [...key, toDbDate(new Date(first - DAY_MS))],
      ),
      dashboards.query<RowDataPacket[]>(
        `SELECT ${cols} FROM \`rollup_fifo\` ${where} AND \`bucket\` >= ? AND \`bucket\` < ? ORDER BY \`bucket\``,
        [...key, toDbDate(new Date(first - DAY_MS)), toDbDate(new Date(last))],
      ),
    ]);
    const parse = (r: RowDataPacket): BoundaryState => ({
      position: parseFixed(String(r.position)),
      cash: parseFixed(String(r.cash)),
      fee: parseFixed(String(r.fee)),
    });
    let state = before.length > 0 ? parse(before[0]) : ZERO;
    let i = 0;
    // A day row holds the state at its end: boundary b takes the latest row with bucket + 1 day ≤ b.
    for (const b of fromStates) {
      while (
        i < rows.length &&
        Date.parse(`${String(rows[i].bucket).replace(' ', 'T')}Z`) + DAY_MS <= b
      )
        state = parse(rows[i++]);
      states.set(b, state);
    }
  }
  // Boundaries the states do not cover (past what they have replayed, a day still running, or
  // an actor they have not reached yet): the rollup's sums, exact whatever its progress, added
  // from the previous boundary on.
  let prev: { at: number; state: BoundaryState } | null = null;
  for (const b of q.boundaries) {
    const known = states.get(b);
    if (known) {
      prev = { at: b, state: known };
      continue;
    }
    const rows = await readFillSums(trading, dashboards, {
      from: prev === null ? null : new Date(prev.at),
      to: new Date(b),
      byDay: false,
      actor,
      mark: q.mark,
    });
    const t = totalsOf(rows, cur);
    if (t === null) return null;
    const base: BoundaryState = prev === null ? ZERO : prev.state;
    const state: BoundaryState = {
      position: base.position + t.position,
      cash: base.cash + t.cash,
      fee: base.fee + t.fee,
    };
    states.set(b, state);
    prev = { at: b, state };
  }
  return q.boundaries.map((b) => states.get(b) as BoundaryState);
}

/** An actor without configuration: currencies from its fills of the window, as the trading page. */
async function inferred(
  config: StrategyConfig,
  boundaries: number[],
  pools: { trading: Pool; dashboards: Pool },
  mark: number,
): Promise<StrategyConfig> {
  if (config.inferred.length === 0) return config;
  const sums = await readFillSums(pools.trading, pools.dashboards, {
    from: new Date(boundaries[0]),
    to: new Date(Math.max(boundaries[0] + 1, boundaries[boundaries.length - 1])),
    byDay: false,
    actor: config.strategyActor,
    mark,
  });
  return inferStrategyFromSums(
    config,
    sums.map((r) => ({ ...r, volume: fixedToNumber(r.volume) })),
    config.inferred.includes('volumeCurrency')
      ? await usualVolumeCurrency(pools.dashboards, config.strategyActor)
      : null,
  );
}

export async function loadStrategyReport(
  configured: StrategyConfig,
  window: TimeWindow,
  now: Date,
  pools: { trading: Pool; dashboards: Pool },
): Promise<StrategyReport> {
  const timings: Record<string, number> = {};
  const lap = async <T>(name: string, p: Promise<T>): Promise<T> => {
    const t = performance.now();
    const v = await p;
    timings[name] = Math.round(performance.now() - t);
    return v;
  };
  const notes: string[] = [];
  const { days, boundaries } = reportDays(window, now);
  const rollup = await lap('rollup', readRollupStatus(pools.trading, pools.dashboards));
  const behind = rollupProgressNote(rollup);
  if (behind) notes.push(behind);
  const config = await lap('infer', inferred(configured, boundaries, pools, rollup.mark));
  const pc = config.priceCurrency;
  const cur = { priceCurrency: config.priceCurrency, volumeCurrency: config.volumeCurrency };
  const states = await lap(
    'states',
    boundaryStates(pools, { actor: config.strategyActor, ...cur, boundaries, mark: rollup.mark }),
  );
  const base = {
    strategy: {
      key: config.key,
      displayName: config.displayName,
      strategyActor: config.strategyActor,
      priceCurrency: config.priceCurrency,
      volumeCurrency: config.volumeCurrency,
      inferred: config.inferred,
    },
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    days: { first: days[0] ?? null, last: days[days.length - 1] ?? null, count: days.length },
  };
  if (states === null) {
    notes.push(
      `This strategy's fills cannot all be counted in ${pc} from the rollup (another price currency, a fill without a USD rate, or a fee in a third currency), so no report can be made for it.`,
    );
    return {
      ...base,
      available: false,
      pnl: summarisePnl([]),
      hold: {
        positionStart: '0',
        positionEnd: '0',
        priceStart: null,
        priceEnd: null,
        pnl: null,
        excess: null,
      },
      notes,
      timings,
    };
  }
  const {
    raw: rawCloses,
    closes,
    needed,
  } = await lap('closes', closesFor(pools.trading, cur, boundaries, states));
  const unvalued = states.some((s, k) => s.position !== 0n && closes[k] === null);
  if (unvalued)
    notes.push(
      `No fill in ${config.volumeCurrency} priced in ${pc} was found within 30 days of some day's close: the open position is valued at 0 there.`,
    );
  if (rawCloses.some((c, k) => needed[k] && c === null && closes[k] !== null))
    notes.push(
      `Days whose close has no fill of the pair within 30 days take the nearest earlier close (the first days: the first close found).`,
    );
  const equity = states.map((s, k) => equityOf(s, closes[k]));
  const pnl = summarisePnl(days.map((day, i) => ({ day, pnl: equity[i + 1] - equity[i] })));
  const n = boundaries.length - 1;
  const p0 = closes[0];
  const p1 = closes[n];
  const total = equity[n] - equity[0];
  const holdPnl = p0 !== null && p1 !== null ? fixedMul(states[0].position, p1 - p0) : null;
  const s = fixedToString;
  return {
    ...base,
    available: true,
    pnl,
    hold: {
      positionStart: s(states[0].position),
      positionEnd: s(states[n].position),
      priceStart: p0 === null ? null : s(p0),
      priceEnd: p1 === null ? null : s(p1),
      pnl: holdPnl === null ? null : s(holdPnl),
      excess: holdPnl === null ? null : s(total - holdPnl),
    },
    notes,
    timings,
  };
}
