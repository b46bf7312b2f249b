import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { type Fixed, fixedToString, parseFixed, parseFixedOrZero } from '../core/money/fixed';
import { toDbDate } from '../db/db-time';
import type { StrategyFill } from '../fills/strategy-fills';
import {
  FILL_ACTOR_SQL,
  FILL_FEE_VALUE_SQL,
  FILL_FEE_VALUE_USD_SQL,
  FILL_NOTIONAL_SQL,
  FILL_NOTIONAL_USD_SQL,
  FILL_PRICE_CURRENCY_SQL,
  FILL_SIDE_SQL,
  FILL_VOLUME_CURRENCY_FEE_SQL,
  FILL_VOLUME_CURRENCY_SQL,
  FILL_VOLUME_SQL,
} from '../fills/sql';
import { floorTo, levelMs, STORED_LEVELS, type StoredLevel } from './domain/buckets';
import { FifoState, type FifoTotals, type OpenTotals } from './domain/fifo-state';
import { FILLS_FROM_SQL } from './sql';

/**
 * The rollup's FIFO states (tables rollup_fifo and rollup_fifo_queue, see the schema): every
 * strategy's open lots replayed over its whole history, in its fills' price currency and in
 * USD, written at the end of every bucket in which it filled. Fed with each chunk of fills the
 * rollup adds, under the same lock and in the same transaction (refresh.ts). A fill that comes
 * before the last one already replayed (out of order) makes its strategy replay from scratch.
 */
interface ChunkFill {
  tradeId: number;
  timeMs: number;
  actor: string;
  volumeCurrency: string;
  priceCurrency: string;
  side: 'BID' | 'ASK';
  volume: Fixed;
  notional: Fixed;
  notionalUsd: Fixed | null;
  feeValue: Fixed | null;
  feeValueUsd: Fixed | null;
  volumeCurrencyFee: Fixed;
}

const FILL_ROW_SQL =
  `SELECT t.\`trade_id\` AS id, t.\`time_created\` AS time, ${FILL_ACTOR_SQL} AS actor, ${FILL_VOLUME_CURRENCY_SQL} AS vc, ` +
  `${FILL_PRICE_CURRENCY_SQL} AS pc, ${FILL_SIDE_SQL} AS side, ${FILL_VOLUME_SQL} AS volume, ${FILL_NOTIONAL_SQL} AS notional, ` +
  `${FILL_NOTIONAL_USD_SQL} AS notionalUsd, ${FILL_FEE_VALUE_SQL} AS feeValue, ${FILL_FEE_VALUE_USD_SQL} AS feeValueUsd, ` +
  `${FILL_VOLUME_CURRENCY_FEE_SQL} AS vcFee ${FILLS_FROM_SQL}`;

const nullable = (v: unknown) => (v === null || v === undefined ? null : parseFixed(String(v)));

export async function readChunkFills(
  trading: Pool,
  where: string,
  params: unknown[],
): Promise<ChunkFill[]> {
  const [rows] = await trading.query<RowDataPacket[]>(
    `${FILL_ROW_SQL} WHERE ${where} ORDER BY t.\`time_created\`, t.\`trade_id\``,
    params,
  );
  return rows.map((r) => ({
    tradeId: Number(r.id),
    timeMs: Date.parse(`${String(r.time).replace(' ', 'T')}Z`),
    actor: String(r.actor),
    volumeCurrency: String(r.vc),
    priceCurrency: String(r.pc),
    side: r.side === 'BID' ? 'BID' : 'ASK',
    volume: parseFixedOrZero(r.volume),
    notional: parseFixedOrZero(r.notional),
    notionalUsd: nullable(r.notionalUsd),
    feeValue: nullable(r.feeValue),
    feeValueUsd: nullable(r.feeValueUsd),
    volumeCurrencyFee: parseFixedOrZero(r.vcFee),
  }));
}

/** A fill in one of its strategy's currencies (null: it cannot be counted in that one). */
function inCurrency(f: ChunkFill, currency: string): StrategyFill | null {
  const usd = currency === 'USD' && f.priceCurrency !== 'USD';
  if (!usd && f.priceCurrency !== currency) return null;
  const price = usd ? f.notionalUsd : f.notional;
  const fee = usd ? f.feeValueUsd : f.feeValue;
  if (price === null || fee === null) return null;
  return {
    tradeId: f.tradeId,
    orderId: 0,
    timeMs: f.timeMs,
    side: f.side,
    volume: f.volume,
    price,
    fee,
    feeInVolumeCurrency: f.volumeCurrencyFee,
    exchangeName: '',
  };
}

interface Variant {
  key: { actor: string; volumeCurrency: string; currency: string };
  state: FifoState;
  valid: boolean;
  lastTime: number;
  lastTradeId: number;
}

const x = (v: Fixed) => fixedToString(v, 36);

function serialise(v: Variant): string {
  const s = v.state.save();
  return JSON.stringify({
    lots: s.lots.map((l) => [
      l.tradeId,
      l.timeMs,
      l.side,
      x(l.volume),
      x(l.price),
      x(l.fee),
      x(l.feeInVolumeCurrency),
    ]),
    headRemaining: x(s.headRemaining),
    totals: {
      ...s.totals,
      position: x(s.totals.position),
      cash: x(s.totals.cash),
      fee: x(s.totals.fee),
      volumeCurrencyFee: x(s.totals.volumeCurrencyFee),
      volume: x(s.totals.volume),
    },
  });
}

function deserialise(text: string): FifoState {
  const j = JSON.parse(text) as {
    lots: Array<[number, number, 'BID' | 'ASK', string, string, string, string]>;
    headRemaining: string;
    totals: Record<string, string | number>;
  };
  const t = j.totals;
  return FifoState.restore({
    lots: j.lots.map(([tradeId, timeMs, side, volume, price, fee, vcFee]) => ({
      tradeId,
      orderId: 0,
      timeMs,
      side,
      volume: parseFixed(volume),
      price: parseFixed(price),
      fee: parseFixed(fee),
      feeInVolumeCurrency: parseFixed(vcFee),
      exchangeName: '',
    })),
    headRemaining: parseFixed(j.headRemaining),
    totals: {
      position: parseFixed(String(t.position)),
      cash: parseFixed(String(t.cash)),
      fee: parseFixed(String(t.fee)),
      volumeCurrencyFee: parseFixed(String(t.volumeCurrencyFee)),
      volume: parseFixed(String(t.volume)),
      fills: Number(t.fills),
    },
  });
}

/** One bucket's row as it stands: the state at its end and the position range within it. */
interface BucketRow {
  level: StoredLevel;
  bucket: number;
  min: Fixed;
  max: Fixed;
  totals: FifoTotals;
  open: OpenTotals;
}

const COLUMNS =
  '`actor`, `volume_currency`, `currency`, `level`, `bucket`, `position`, `pos_min`, `pos_max`, `fills`, `volume`, `cash`, `fee`, ' +
  '`volume_currency_fee`, `open_cash`, `open_fee`, `open_volume_currency_fee`, `open_volume`';
const UPSERT =
  `INSERT INTO \`rollup_fifo\` (${COLUMNS}) VALUES ? ON DUPLICATE KEY UPDATE ` +
  '`pos_min` = LEAST(`pos_min`, VALUES(`pos_min`)), `pos_max` = GREATEST(`pos_max`, VALUES(`pos_max`)), ' +
  '`position` = VALUES(`position`), `fills` = VALUES(`fills`), `volume` = VALUES(`volume`), `cash` = VALUES(`cash`), ' +
  '`fee` = VALUES(`fee`), `volume_currency_fee` = VALUES(`volume_currency_fee`), `open_cash` = VALUES(`open_cash`), ' +
  '`open_fee` = VALUES(`open_fee`), `open_volume_currency_fee` = VALUES(`open_volume_currency_fee`), `open_volume` = VALUES(`open_volume`)';

function rowValues(v: Variant, b: BucketRow): unknown[] {
  const s = (n: Fixed, places: number) => fixedToString(n, places);
  return [
    v.key.actor,
    v.key.volumeCurrency,
    v.key.currency,
    b.level,
    toDbDate(new Date(b.bucket)),
    s(b.totals.position, 14),
    s(b.min, 14),
    s(b.max, 14),
    b.totals.fills,
    s(b.totals.volume, 14),
    s(b.totals.cash, 34),
    s(b.totals.fee, 34),
    s(b.totals.volumeCurrencyFee, 14),
    s(b.open.cash, 36),
    s(b.open.fee, 36),
    s(b.open.volumeCurrencyFee, 36),
    s(b.open.volume, 14),
  ];
}

/** Replays `fills` (time order) into each variant, returning the bucket rows to write. */
function replay(variants: Variant[], fills: readonly ChunkFill[]): Map<Variant, BucketRow[]> {
  const out = new Map<Variant, BucketRow[]>();
  for (const v of variants) {
    const rows: BucketRow[] = [];
    const current: Partial<Record<StoredLevel, BucketRow>> = {};
    const close = (level: StoredLevel) => {
      const row = current[level];
      if (row) {
        row.totals = { ...v.state.totals };
        row.open = v.state.open();
        rows.push(row);
        current[level] = undefined;
      }
    };
    for (const f of fills) {
      if (!v.valid) break;
      const fill = inCurrency(f, v.key.currency);
      if (fill === null) {
        v.valid = false;
        break;
      }
      for (const level of STORED_LEVELS) {
        const bucket = floorTo(f.timeMs, levelMs(level));
        if (current[level] && current[level].bucket !== bucket) close(level);
      }
      v.state.apply(fill);
      const p = v.state.totals.position;
      for (const level of STORED_LEVELS) {
        const bucket = floorTo(f.timeMs, levelMs(level));
        const row = (current[level] ??= {
          level,
          bucket,
          min: p,
          max: p,
          totals: v.state.totals,
          open: v.state.open(),
        });
        if (p < row.min) row.min = p;
        if (p > row.max) row.max = p;
      }
      v.lastTime = f.timeMs;
      v.lastTradeId = f.tradeId;
    }
    for (const level of STORED_LEVELS) close(level);
    out.set(v, v.valid ? rows : []);
  }
  return out;
}

async function loadVariants(
  conn: PoolConnection,
  actor: string,
  volumeCurrency: string,
): Promise<Variant[]> {
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT `currency`, `valid`, `last_time_ms` AS lastTime, `last_trade_id` AS lastTradeId, `state` FROM `rollup_fifo_queue` ' +
      'WHERE `actor` = ? AND `volume_currency` = ?',
    [actor, volumeCurrency],
  );
  return rows.map((r) => ({
    key: { actor, volumeCurrency, currency: String(r.currency) },
    // An invalid state is never replayed again: its lots were not kept.
    state: Number(r.valid) === 1 ? deserialise(String(r.state)) : new FifoState(),
    valid: Number(r.valid) === 1,
    lastTime: Number(r.lastTime),
    lastTradeId: Number(r.lastTradeId),
  }));
}

const newVariant = (actor: string, volumeCurrency: string, currency: string): Variant => ({
  key: { actor, volumeCurrency, currency },
  state: new FifoState(),
  valid: true,
  lastTime: -Infinity,
  lastTradeId: 0,
});

async function save(conn: PoolConnection, written: Map<Variant, BucketRow[]>): Promise<void> {
  const rows = [...written].flatMap(([v, rs]) => rs.map((r) => rowValues(v, r)));
  for (let i = 0; i < rows.length; i += 2000) await conn.query(UPSERT, [rows.slice(i, i + 2000)]);
  for (const v of written.keys()) {
    await conn.query(
      'INSERT INTO `rollup_fifo_queue` (`actor`, `volume_currency`, `currency`, `valid`, `last_time_ms`, `last_trade_id`, `state`) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE `valid` = VALUES(`valid`), `last_time_ms` = VALUES(`last_time_ms`), ' +
        '`last_trade_id` = VALUES(`last_trade_id`), `state` = VALUES(`state`)',
      [
        v.key.actor,
        v.key.volumeCurrency,
        v.key.currency,
        v.valid ? 1 : 0,
        Number.isFinite(v.lastTime) ? v.lastTime : 0,
        v.lastTradeId,
        v.valid ? serialise(v) : '{}',
      ],
    );
  }
}

const strategyKey = (f: { actor: string; volumeCurrency: string }) =>
  `${f.actor}\u0000${f.volumeCurrency}`;

/**
 * Adds fills (one stretch of time, in time order) to the FIFO states, under the rollup's lock
 * (`conn`). A strategy whose fills start before its last replayed one (which fifoStep rules
 * out) replays its whole history before `beforeMs` instead.
 */
export async function addChunkToFifo(
  conn: PoolConnection,
  trading: Pool,
  fills: readonly ChunkFill[],
  to: number,
  beforeMs: number,
): Promise<void> {
  const byStrategy = new Map<string, ChunkFill[]>();
  for (const f of fills) {
    const list = byStrategy.get(strategyKey(f));
    if (list) list.push(f);
    else byStrategy.set(strategyKey(f), [f]);
  }
  for (const list of byStrategy.values()) {
    const { actor, volumeCurrency } = list[0];
    let variants = await loadVariants(conn, actor, volumeCurrency);
    const first = list[0];
    const outOfOrder = variants.some(
      (v) =>
        first.timeMs < v.lastTime || (first.timeMs === v.lastTime && first.tradeId < v.lastTradeId),
    );
    if (outOfOrder) {
      await replayStrategy(conn, trading, actor, volumeCurrency, to, beforeMs);
      continue;
    }
    if (variants.length === 0) {
      variants = [newVariant(actor, volumeCurrency, 'USD')];
      if (first.priceCurrency !== 'USD')
        variants.push(newVariant(actor, volumeCurrency, first.priceCurrency));
    }
    await save(conn, replay(variants, list));
  }
}

/** Forgets a strategy's states and replays its fills with ids up to `upTo` and times before `beforeMs`. */
export async function replayStrategy(
  conn: PoolConnection,
  trading: Pool,
  actor: string,
  volumeCurrency: string,
  upTo: number,
  beforeMs: number,
): Promise<void> {
  await conn.query('DELETE FROM `rollup_fifo` WHERE `actor` = ? AND `volume_currency` = ?', [
    actor,
    volumeCurrency,
  ]);
  await conn.query('DELETE FROM `rollup_fifo_queue` WHERE `actor` = ? AND `volume_currency` = ?', [
    actor,
    volumeCurrency,
  ]);
  const fills = await readChunkFills(
    trading,
    `t.\`trade_id\` <= ? AND t.\`time_created\` < ? AND ${FILL_ACTOR_SQL} = ? AND ${FILL_VOLUME_CURRENCY_SQL} = ?`,
    [upTo, toDbDate(new Date(beforeMs)), actor, volumeCurrency],
  );
  if (fills.length === 0) return;
  const variants = [newVariant(actor, volumeCurrency, 'USD')];
  if (fills[0].priceCurrency !== 'USD')
    variants.push(newVariant(actor, volumeCurrency, fills[0].priceCurrency));
  await save(conn, replay(variants, fills));
}

/** The strategies with fills in [from, to), for rebuilt days (verifyRollup). */
export async function strategiesBetween(
  trading: Pool,
  from: string,
  to: string,
  upTo: number,
): Promise<Array<{ actor: string; volumeCurrency: string }>> {
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT DISTINCT ${FILL_ACTOR_SQL} AS actor, ${FILL_VOLUME_CURRENCY_SQL} AS vc ${FILLS_FROM_SQL} ` +
      'WHERE t.`time_created` >= ? AND t.`time_created` < ? AND t.`trade_id` <= ?',
    [from, to, upTo],
  );
  return rows.map((r) => ({ actor: String(r.actor), volumeCurrency: String(r.vc) }));
}

/**
 * How far the FIFO states have replayed: every fill with time_created before this instant
 * (and so every one they will ever need before it, see fifoStep). Epoch ms; 0 = nothing yet.
 */
const FIFO_STATE = 'rollup.fifo_time';

export async function readFifoTime(db: Pool | PoolConnection): Promise<number> {
  const [rows] = await db.query<RowDataPacket[]>(
    "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = ''",
    [FIFO_STATE],
  );
  return rows.length ? Number(rows[0].value) : 0;
}

/** Fills may be recorded this much later than their time and still be replayed in order. */
export const FIFO_ORDER_SLACK_MS = 60 * 60 * 1000;

/**
 * Moves the FIFO states forward in time, under the rollup's lock, after the mark moved to
 * `mark` (its chunk's ids were (`from`, mark]). FIFO needs fills in time order, while the
 * rollup takes them in id order, and ids follow time only roughly (a fill is recorded after
 * it happened). So the states replay whole stretches of time [fifo time, horizon): the horizon
 * stays FIFO_ORDER_SLACK_MS behind the newest fill of the chunk (or, caught up, the safety lag
 * behind now, and never past the oldest fill above the mark), every fill in the stretch is read
 * by time (all have ids up to the mark), in (time, id) order. A fill of the chunk older than
 * the fifo time (recorded more than the slack late) makes its strategy replay from scratch.
 */
export async function fifoStep(
  conn: PoolConnection,
  trading: Pool,
  q: { from: number; mark: number; caughtUp: boolean; now: Date; safetyLagMs: number },
): Promise<void> {
  const fifoFrom = await readFifoTime(conn);
  const [[chunk]] = await trading.query<RowDataPacket[]>(
    'SELECT MAX(`time_created`) AS newest FROM `trade` WHERE `trade_id` > ? AND `trade_id` <= ?',
    [q.from, q.mark],
  );
  const newest = chunk?.newest ? Date.parse(`${String(chunk.newest).replace(' ', 'T')}Z`) : 0;
  let horizon = Math.min(newest - FIFO_ORDER_SLACK_MS, q.now.getTime() - q.safetyLagMs);
  if (q.caughtUp) {
    // Few ids above the mark: their oldest time is cheap to find (a short primary-key range).
    const [[above]] = await trading.query<RowDataPacket[]>(
      'SELECT MIN(`time_created`) AS oldest FROM `trade` WHERE `trade_id` > ?',
      [q.mark],
    );
    const oldest = above?.oldest
      ? Date.parse(`${String(above.oldest).replace(' ', 'T')}Z`)
      : Infinity;
    horizon = Math.min(q.now.getTime() - q.safetyLagMs, oldest);
  }
  horizon = Math.floor(horizon / 1000) * 1000;
  if (fifoFrom > 0) {
    const late = await strategiesBefore(trading, q.from, q.mark, fifoFrom);
    for (const s of late)
      await replayStrategy(conn, trading, s.actor, s.volumeCurrency, q.mark, fifoFrom);
  }
  if (horizon <= fifoFrom) return;
  const fills = await readChunkFills(
    trading,
    't.`time_created` >= ? AND t.`time_created` < ? AND t.`trade_id` <= ?',
    [toDbDate(new Date(fifoFrom)), toDbDate(new Date(horizon)), q.mark],
  );
  await addChunkToFifo(conn, trading, fills, q.mark, horizon);
  await conn.query(
    "INSERT INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', ?, ?) " +
      'ON DUPLICATE KEY UPDATE `value` = VALUES(`value`), `time_updated` = VALUES(`time_updated`)',
    [FIFO_STATE, String(horizon), toDbDate(q.now)],
  );
}

/** Strategies with fills among ids (from, to] dated before `beforeMs`: recorded too late. */
async function strategiesBefore(trading: Pool, from: number, to: number, beforeMs: number) {
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT DISTINCT ${FILL_ACTOR_SQL} AS actor, ${FILL_VOLUME_CURRENCY_SQL} AS vc ${FILLS_FROM_SQL} ` +
      'WHERE t.`trade_id` > ? AND t.`trade_id` <= ? AND t.`time_created` < ?',
    [from, to, toDbDate(new Date(beforeMs))],
  );
  return rows.map((r) => ({ actor: String(r.actor), volumeCurrency: String(r.vc) }));
}

export async function resetFifoTime(conn: PoolConnection): Promise<void> {
  await conn.query("DELETE FROM `sync_state` WHERE `name` = ? AND `scope` = ''", [FIFO_STATE]);
}
