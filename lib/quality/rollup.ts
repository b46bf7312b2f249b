import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { parseDbDate, toDbDate } from '../db/db-time';
import { fixedToString, parseFixedOrZero } from '../core/money/fixed';
import { FILL_SIDE_SQL } from '../fills/sql';
import { fillAmount, fillSide, fillUnitPrice } from '../fills/rules';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  type Level,
  floorTo,
  planWindow,
} from '../rollup/domain/buckets';
import { readFifoTime } from '../rollup/fifo';
import { SAFETY_LAG_MS, withRollupLock } from '../rollup/refresh';
import {
  HORIZONS,
  LONGEST_HORIZON_MS,
  type MarkoutSums,
  type MarkoutTable,
  emptyTable,
} from './domain/markouts';
import { ORDER_MAX_AGE_MS, QUOTE_MAX_AGE_MS, ReferenceTimeline } from './domain/reference-price';
import { type QualityFill, markoutTableOf, mergeTables } from './domain/view';
import {
  deleteQuoting,
  quotingOfStretch,
  writePositionMinutes,
  writeQuoting,
} from './rollup-quoting';
import { listOwnOrders, listPairFills, listPairOrders, type OwnOrder } from './queries';

/**
 * The rollup of markouts (docs/quality.md#the-rollup-of-markouts): table rollup_markout holds,
 * per minute, hour and day, strategy actor, currencies, exchange, side and horizon, the sums of
 * the markouts of every fill with time before the quality time (sync_state
 * `rollup.quality_time`, epoch ms). A fill's markouts are final only once t + 1 h has passed
 * and everything up to then is in the books, so the quality time trails the FIFO time (which
 * already trails now by the safety lag and every fill's recording) by the longest horizon, on
 * whole minutes. Each stretch [quality time, next) is computed with the raw path's own loaders
 * and domain (the same age limits, the same rounding), then added under the rollup's lock in
 * the transaction that moves the quality time: a server that finds it moved discards its work.
 * The rollup of quoting (rollup-quoting.ts) is built in the same stretches and transactions.
 * Not covered (said in the docs): a fill or order recorded after the quality time passed its
 * instant is not added; `npm run rollup -- --rebuild` recomputes everything.
 */
export const QUALITY_STATE = 'rollup.quality_time';
const INSERT_BATCH = 1_000;

export async function readQualityTime(db: Pool | PoolConnection): Promise<number> {
  const [rows] = await db.query<RowDataPacket[]>(
    "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = ''",
    [QUALITY_STATE],
  );
  return rows.length ? Number(rows[0].value) : 0;
}

type Key = { actor: string; vc: string; pc: string; exchange: string };
const keyOf = (k: Key) => `${k.actor}\u0000${k.vc}\u0000${k.pc}\u0000${k.exchange}`;
const parseKey = (s: string): Key => {
  const [actor, vc, pc, exchange] = s.split('\u0000');
  return { actor, vc, pc, exchange };
};

/** Markout tables of every fill in [from, to), per minute and key. Only reads. */
export async function markoutsOfStretch(
  trading: Pool,
  from: number,
  to: number,
): Promise<Map<number, Map<string, MarkoutTable>>> {
  const [rows] = await trading.query<RowDataPacket[]>({
    sql:
      "SELECT t.`time_created`, UPPER(COALESCE(o.`actor`, '')), UPPER(COALESCE(o.`exchange_name`, '')), " +
      `${FILL_SIDE_SQL}, t.\`volume\`, t.\`price\`, UPPER(t.\`volume_currency\`), UPPER(t.\`price_currency\`) ` +
      'FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
      'WHERE t.`time_created` >= ? AND t.`time_created` < ? ORDER BY t.`time_created`, t.`trade_id`',
    values: [toDbDate(new Date(from)), toDbDate(new Date(to))],
    rowsAsArray: true,
  });
  const byKey = new Map<string, QualityFill[]>();
  for (const r of rows as unknown as Array<
    [string, string, string, string, string, string, string, string]
  >) {
    const unit = fillUnitPrice(r[5], r[4]);
    if (unit === null) continue;
    const k = keyOf({ actor: r[1], vc: r[6] ?? '', pc: r[7] ?? '', exchange: r[2] });
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push({
      time: parseDbDate(r[0])!.getTime(),
      side: fillSide(r[3], null),
      volume: fillAmount(r[4]),
      unitPrice: unit,
      notional: fillAmount(r[5]),
      fee: 0n,
      exchange: r[2],
    });
  }
  const keys = [...byKey.keys()].map(parseKey);
  const end = new Date(to + LONGEST_HORIZON_MS);
  const exchanges = [...new Set(keys.map((k) => k.exchange))];
  const actors = [...new Set(keys.map((k) => k.actor))];
  const pair = new Map<string, Awaited<ReturnType<typeof loadPair>>>();
  const loadPair = async (exchange: string) => {
    const [orders, fills] = await Promise.all([
      listPairOrders(trading, { exchange, from: new Date(from - ORDER_MAX_AGE_MS), to: end }),
      listPairFills(trading, { exchange, from: new Date(from), to: end }),
    ]);
    return { orders, fills };
  };
  for (const e of exchanges) pair.set(e, await loadPair(e));
  const own = new Map<string, OwnOrder[]>();
  for (const a of actors)
    own.set(
      a,
      await listOwnOrders(trading, { actor: a, from: new Date(from - QUOTE_MAX_AGE_MS), to: end }),
    );

  const out = new Map<number, Map<string, MarkoutTable>>();
  for (const [k, fills] of byKey) {
    const key = parseKey(k);
    const p = pair.get(key.exchange)!;
    const quotes = (own.get(key.actor) ?? []).filter(
      (o) => o.exchange.toUpperCase() === key.exchange,
    );
    const timeline = new ReferenceTimeline(p.orders, quotes, p.fills);
    const timelines = new Map([[key.exchange, timeline]]);
    for (let i = 0; i < fills.length;) {
      const minute = floorTo(fills[i].time, MINUTE_MS);
      let j = i;
      while (j < fills.length && floorTo(fills[j].time, MINUTE_MS) === minute) j++;
      if (!out.has(minute)) out.set(minute, new Map());
      out.get(minute)!.set(k, markoutTableOf(fills.slice(i, j), timelines, Infinity));
      i = j;
    }
  }
  return out;
}

type Row = (string | number)[];

function rowsOf(level: Level, bucket: number, k: string, t: MarkoutTable): Row[] {
  const key = parseKey(k);
  const out: Row[] = [];
  for (const side of ['BID', 'ASK'] as const)
    HORIZONS.forEach((_, h) => {
      const s: MarkoutSums = t.bySide[side][h];
      const pending = side === 'BID' ? t.pending[h] : 0;
      const unpriced = side === 'BID' ? t.unpriced[h] : 0;
      if (s.fills === 0 && pending === 0 && unpriced === 0) return;
      out.push([
        key.actor,
        level,
        toDbDate(new Date(bucket)),
        key.vc,
        key.pc,
        key.exchange,
        side,
        h,
        s.fills,
        fixedToString(s.volume, 14),
        fixedToString(s.money, 18),
        fixedToString(s.spreadMoney, 18),
        s.m,
        s.m2,
        s.wm2,
        s.w,
        s.w2,
        s.bps,
        s.bps2,
        s.wbps,
        s.wbps2,
        s.sources.fundamental,
        s.sources['quote-mid'],
        s.sources['last-fill'],
        pending,
        unpriced,
      ]);
    });
  return out;
}

const ADD = [
  'fills',
  'volume',
  'money',
  'spread_money',
  'm',
  'm2',
  'wm2',
  'w',
  'w2',
  'bps',
  'bps2',
  'wbps',
  'wbps2',
  'n_fundamental',
  'n_quote_mid',
  'n_last_fill',
  'pending',
  'unpriced',
];
const UPSERT_SQL =
  'INSERT INTO `rollup_markout` (`actor`, `level`, `bucket`, `volume_currency`, `price_currency`, `exchange`, `side`, `horizon`, ' +
  ADD.map((c) => `\`${c}\``).join(', ') +
  ') VALUES ? ON DUPLICATE KEY UPDATE ' +
  ADD.map((c) => `\`${c}\` = \`${c}\` + VALUES(\`${c}\`)`).join(', ');

/** Adds minute tables and their hour and day roll-ups (sums are added to what is stored). */
export async function writeMarkouts(
  conn: PoolConnection,
  minutes: Map<number, Map<string, MarkoutTable>>,
): Promise<number> {
  const rows: Row[] = [];
  for (const [level, size] of [
    [2, HOUR_MS],
    [3, DAY_MS],
  ] as const) {
    const up = new Map<number, Map<string, MarkoutTable>>();
    for (const [minute, tables] of minutes) {
      const b = floorTo(minute, size);
      if (!up.has(b)) up.set(b, new Map());
      const m = up.get(b)!;
      for (const [k, t] of tables) {
        if (!m.has(k)) m.set(k, emptyTable());
        mergeTables(m.get(k)!, t);
      }
    }
    for (const [b, tables] of up) for (const [k, t] of tables) rows.push(...rowsOf(level, b, k, t));
  }
  for (const [minute, tables] of minutes)
    for (const [k, t] of tables) rows.push(...rowsOf(1, minute, k, t));
  for (let i = 0; i < rows.length; i += INSERT_BATCH)
    await conn.query(UPSERT_SQL, [rows.slice(i, i + INSERT_BATCH)]);
  return rows.length;
}

/**
 * Moves the quality time forward for about `budgetMs` (at least one stretch when behind), a
 * UTC day at most per stretch: to the FIFO time (or now minus the safety lag, if earlier) minus
 * the longest horizon, on a whole minute. Starts at the first fill's day.
 */
export async function refreshQualityRollup(
  trading: Pool,
  dashboards: Pool,
  opts: { budgetMs: number; now: Date; onStretch?: (to: number, limit: number) => void },
): Promise<{ qualityTime: number; limit: number }> {
  const deadline = Date.now() + opts.budgetMs;
  const fifo = await readFifoTime(dashboards);
  const limit = floorTo(
    Math.min(fifo, opts.now.getTime() - SAFETY_LAG_MS) - LONGEST_HORIZON_MS,
    MINUTE_MS,
  );
  let at = await readQualityTime(dashboards);
  if (at === 0) {
    const [[first]] = await trading.query<RowDataPacket[]>(
      'SELECT MIN(`time_created`) AS t FROM `trade`',
    );
    if (!first?.t) return { qualityTime: 0, limit };
    at = floorTo(parseDbDate(first.t)!.getTime(), DAY_MS);
  }
  for (
    let firstRound = true;
    at < limit && (firstRound || Date.now() < deadline);
    firstRound = false
  ) {
    const from = at;
    const to = Math.min(limit, floorTo(from, DAY_MS) + DAY_MS);
    const minutes = await markoutsOfStretch(trading, from, to);
    const quoting = await quotingOfStretch(trading, from, to);
    at = await withRollupLock(dashboards, opts.now, async (conn) => {
      const locked = await readQualityTime(conn);
      if (locked !== 0 && locked !== from) return locked;
      await writeMarkouts(conn, minutes);
      await writeQuoting(conn, quoting);
      await writePositionMinutes(conn, from, to);
      await conn.query(
        "INSERT INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', ?, ?) " +
          'ON DUPLICATE KEY UPDATE `value` = VALUES(`value`), `time_updated` = VALUES(`time_updated`)',
        [QUALITY_STATE, String(to), toDbDate(opts.now)],
      );
      return to;
    });
    opts.onStretch?.(at, limit);
  }
  return { qualityTime: at, limit };
}

/** Empties the markout rollup (the next refresh rebuilds it from the first fill). */
export async function resetQualityRollup(dashboards: Pool, now: Date): Promise<void> {
  await withRollupLock(dashboards, now, async (conn) => {
    await conn.query('DELETE FROM `rollup_markout`');
    await deleteQuoting(conn, null);
    await conn.query("DELETE FROM `sync_state` WHERE `name` = ? AND `scope` = ''", [QUALITY_STATE]);
  });
}

/**
 * The stored markout table of an actor's fills in [from, to) (its pair's currencies), from
 * whole buckets before the quality time (contiguous: [coveredFrom, coveredTo)), one query per
 * level; the caller computes the fills outside them.
 */
export async function readMarkoutTable(
  dashboards: Pool,
  q: { actor: string; volumeCurrency: string; priceCurrency: string; from: number; to: number },
): Promise<{ table: MarkoutTable; coveredFrom: number; coveredTo: number } | null> {
  const qt = await readQualityTime(dashboards);
  const end = Math.min(q.to, qt);
  if (end <= q.from) return null;
  const plan = planWindow(q.from, end);
  if (plan.buckets.length === 0) return null;
  const table = emptyTable();
  for (const level of [1, 2, 3] as const) {
    const ranges = plan.buckets.filter((b) => b.level === level);
    if (ranges.length === 0) continue;
    const [rows] = await dashboards.query<RowDataPacket[]>(
      'SELECT `side`, `horizon`, SUM(`fills`) AS fills, SUM(`volume`) AS volume, SUM(`money`) AS money, SUM(`spread_money`) AS spread_money, ' +
        'SUM(`m`) AS m, SUM(`m2`) AS m2, SUM(`wm2`) AS wm2, SUM(`w`) AS w, SUM(`w2`) AS w2, SUM(`bps`) AS bps, SUM(`bps2`) AS bps2, ' +
        'SUM(`wbps`) AS wbps, SUM(`wbps2`) AS wbps2, SUM(`n_fundamental`) AS nf, SUM(`n_quote_mid`) AS nq, SUM(`n_last_fill`) AS nl, ' +
        'SUM(`pending`) AS pending, SUM(`unpriced`) AS unpriced FROM `rollup_markout` ' +
        'WHERE `actor` = ? AND `level` = ? AND `volume_currency` = ? AND `price_currency` = ? AND (' +
        ranges.map(() => '(`bucket` >= ? AND `bucket` < ?)').join(' OR ') +
        ') GROUP BY `side`, `horizon`',
      [
        q.actor.toUpperCase(),
        level,
        q.volumeCurrency.toUpperCase(),
        q.priceCurrency.toUpperCase(),
        ...ranges.flatMap((r) => [toDbDate(new Date(r.from)), toDbDate(new Date(r.to))]),
      ],
    );
    for (const r of rows) {
      const h = Number(r.horizon);
      const s = table.bySide[r.side === 'BID' ? 'BID' : 'ASK'][h];
      s.fills += Number(r.fills);
      s.volume += parseFixedOrZero(String(r.volume));
      s.money += parseFixedOrZero(String(r.money));
      s.spreadMoney += parseFixedOrZero(String(r.spread_money));
      for (const c of ['m', 'm2', 'wm2', 'w', 'w2', 'bps', 'bps2', 'wbps', 'wbps2'] as const)
        s[c] += Number(r[c]);
      s.sources.fundamental += Number(r.nf);
      s.sources['quote-mid'] += Number(r.nq);
      s.sources['last-fill'] += Number(r.nl);
      table.pending[h] += Number(r.pending);
      table.unpriced[h] += Number(r.unpriced);
    }
  }
  // planWindow's buckets are contiguous: [first's start, last's end).
  return {
    table,
    coveredFrom: plan.buckets[0].from,
    coveredTo: plan.buckets[plan.buckets.length - 1].to,
  };
}

/**
 * Forgets the markouts from `day` (UTC day start, epoch ms) on and moves the quality time back
 * there, when it was later: what a rebuilt day of the rollup (late fills, `npm run rollup --
 * --rebuild --from DAY`) asks for. A fill's references reach an hour into the next day, so the
 * day before is recomputed too.
 */
export async function rewindQualityRollup(dashboards: Pool, day: number, now: Date): Promise<void> {
  const from = floorTo(day, DAY_MS) - DAY_MS;
  await withRollupLock(dashboards, now, async (conn) => {
    const at = await readQualityTime(conn);
    if (at === 0 || at <= from) return;
    await conn.query('DELETE FROM `rollup_markout` WHERE `bucket` >= ?', [
      toDbDate(new Date(from)),
    ]);
    await deleteQuoting(conn, from);
    await conn.query(
      "UPDATE `sync_state` SET `value` = ?, `time_updated` = ? WHERE `name` = ? AND `scope` = ''",
      [String(from), toDbDate(now), QUALITY_STATE],
    );
  });
}
