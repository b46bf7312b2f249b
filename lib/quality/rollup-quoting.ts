import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { parseDbDate, toDbDate } from '../db/db-time';
import {
  type Fixed,
  fixedToNumber,
  fixedToString,
  parseFixed,
  parseFixedOrZero,
} from '../core/money/fixed';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  type Level,
  floorTo,
  planWindow,
} from '../rollup/domain/buckets';
import {
  type QuotingSums,
  addPlacedOrder,
  emptyQuotingSums,
  mergeQuotingSums,
} from './domain/quoting';
import { QUOTE_MAX_AGE_MS, quoteSegments } from './domain/reference-price';
import { twoSidedByMinute } from './domain/uptime';
import { OWN_ORDER_COLUMNS_SQL, type OwnOrder, ownOrderOfRow } from './queries';

/**
 * The rollup of quoting (docs/quality.md#the-rollup-of-quoting), built with the markouts'
 * stretches (lib/quality/rollup.ts: the same quality time, lock and rebuilds). Per minute of
 * creation, hour and day, strategy actor and exchange, the orders placed and already closed
 * (time_executed set) when their stretch was built: counts by outcome, Σ volume, Σ filled
 * volume (tables rollup_quoting) and their lifetimes as a multiset (rollup_quote_lifetime,
 * per actor); the orders still open then are listed (rollup_quote_pending) and read live, as
 * their outcome can change. And per minute, hour and day, actor and exchange, the two-sided
 * time per exact quoted spread (rollup_spread: one row per bucket, its spreads as text), from the same quote segments as the raw path
 * (orders from a day before, the 24 h cap). Every figure of the quoting and uptime sections is
 * a function of these sums (domain/quoting.ts quotingStatsOfSums, domain/uptime.ts
 * UptimeAccumulator), so a window through the rollup gives the raw path's figures exactly.
 */
const INSERT_BATCH = 1_000;
const SEP = '\u0000';

export interface QuotingStretch {
  /** actor SEP exchange → minute → sums (lifetimes included). */
  quoting: Map<string, Map<number, QuotingSums>>;
  /** [actor, minute, order id] of orders created in the stretch and still open. */
  pending: Array<[string, number, number]>;
  /** actor SEP exchange → minute → spread → two-sided ms. */
  uptime: Map<string, Map<number, Map<Fixed, number>>>;
}

/**
 * Every order created in [from − QUOTE_MAX_AGE_MS, to) (any actor), with its filled volume
 * when created in [from, to): the quote segments of every actor and exchange over [from, to)
 * and the placed orders of the stretch. Only reads.
 */
export async function quotingOfStretch(
  trading: Pool,
  from: number,
  to: number,
): Promise<QuotingStretch> {
  const [rows] = await trading.query<RowDataPacket[]>({
    sql:
      `SELECT ${ownOrderColumns('o.`time_created` >= ?')}, UPPER(o.\`actor\`) ` +
      'FROM `order` o FORCE INDEX (`time_created`) ' +
      'WHERE o.`time_created` >= ? AND o.`time_created` < ? AND o.`actor` IS NOT NULL ' +
      'ORDER BY o.`time_created`, o.`order_id`',
    values: [
      toDbDate(new Date(from)),
      toDbDate(new Date(from - QUOTE_MAX_AGE_MS)),
      toDbDate(new Date(to)),
    ],
    rowsAsArray: true,
  });
  const byKey = new Map<string, OwnOrder[]>();
  for (const r of rows as unknown as unknown[][]) {
    const o = ownOrderOfRow(r);
    const k = `${String(r[8])}${SEP}${o.exchange.toUpperCase()}`;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(o);
  }
  const out: QuotingStretch = { quoting: new Map(), pending: [], uptime: new Map() };
  for (const [k, orders] of byKey) {
    const actor = k.split(SEP)[0];
    const minutes = new Map<number, QuotingSums>();
    for (const o of orders) {
      if (o.open < from) continue;
      const m = floorTo(o.open, MINUTE_MS);
      if (o.close === null) {
        out.pending.push([actor, m, o.orderId]);
        continue;
      }
      if (!minutes.has(m)) minutes.set(m, emptyQuotingSums());
      addPlacedOrder(minutes.get(m)!, {
        created: o.open,
        executed: o.close,
        volume: o.volume,
        filledVolume: o.filledVolume,
      });
    }
    if (minutes.size) out.quoting.set(k, minutes);
    const up = twoSidedByMinute(quoteSegments(orders), from, to);
    if (up.size) out.uptime.set(k, up);
  }
  return out;
}

/** The columns of an own order (queries.ts), its filled volume only where `filledWhen`. */
function ownOrderColumns(filledWhen: string): string {
  return OWN_ORDER_COLUMNS_SQL.replace(
    'COALESCE((SELECT',
    `CASE WHEN ${filledWhen} THEN COALESCE((SELECT`,
  ).replace('), 0)', '), 0) ELSE 0 END');
}

const LEVELS: Array<[Level, number]> = [
  [1, MINUTE_MS],
  [2, HOUR_MS],
  [3, DAY_MS],
];

/** Sums a minute map up to a level's buckets. */
function up<T>(minutes: Map<number, T>, size: number, empty: () => T, merge: (a: T, b: T) => void) {
  const out = new Map<number, T>();
  for (const [m, v] of minutes) {
    const b = floorTo(m, size);
    if (!out.has(b)) out.set(b, empty());
    merge(out.get(b)!, v);
  }
  return out;
}

const mergeSpreads = (a: Map<Fixed, number>, b: Map<Fixed, number>) => {
  for (const [s, ms] of b) a.set(s, (a.get(s) ?? 0) + ms);
};

/** Inserts in batches of INSERT_BATCH rows, and of at most 4 MB in column `textColumn`. */
async function insert(conn: PoolConnection, sql: string, rows: unknown[][], textColumn?: number) {
  let batch: unknown[][] = [];
  let bytes = 0;
  for (const row of rows) {
    const n = textColumn === undefined ? 0 : String(row[textColumn]).length;
    if (batch.length >= INSERT_BATCH || (batch.length > 0 && bytes + n > 4_000_000)) {
      await conn.query(sql, [batch]);
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += n;
  }
  if (batch.length) await conn.query(sql, [batch]);
}

/** Adds a stretch's sums (minutes, and their hours and days) to what is stored. */
export async function writeQuoting(conn: PoolConnection, s: QuotingStretch): Promise<number> {
  const quoting: unknown[][] = [];
  const lifetimes: unknown[][] = [];
  const uptime: unknown[][] = [];
  for (const [level, size] of LEVELS) {
    const life = new Map<string, Map<number, QuotingSums>>();
    for (const [k, minutes] of s.quoting) {
      const [actor, exchange] = k.split(SEP);
      const buckets = level === 1 ? minutes : up(minutes, size, emptyQuotingSums, mergeQuotingSums);
      if (!life.has(actor)) life.set(actor, new Map());
      const perActor = life.get(actor)!;
      for (const [b, q] of buckets) {
        quoting.push([
          actor,
          level,
          toDbDate(new Date(b)),
          exchange,
          q.placed,
          q.filled,
          q.partly,
          q.cancelled,
          fixedToString(q.volume, 30),
          fixedToString(q.filledVolume, 30),
        ]);
        if (!perActor.has(b)) perActor.set(b, emptyQuotingSums());
        mergeQuotingSums(perActor.get(b)!, q);
      }
    }
    for (const [actor, buckets] of life)
      for (const [b, q] of buckets)
        for (const [kind, counts] of [
          ['F', q.lifeFilled],
          ['C', q.lifeCancelled],
        ] as const)
          for (const [ms, n] of counts)
            lifetimes.push([actor, level, toDbDate(new Date(b)), kind, ms, n]);
    for (const [k, minutes] of s.uptime) {
      const [actor, exchange] = k.split(SEP);
      const buckets = level === 1 ? minutes : up(minutes, size, () => new Map(), mergeSpreads);
      for (const [b, spreads] of buckets)
        uptime.push([actor, level, toDbDate(new Date(b)), exchange, formatSpreads(spreads)]);
    }
  }
  await insert(
    conn,
    'INSERT INTO `rollup_quoting` (`actor`, `level`, `bucket`, `exchange`, `placed`, `filled`, `partly`, `cancelled`, `volume`, `filled_volume`) VALUES ? ' +
      'ON DUPLICATE KEY UPDATE `placed` = `placed` + VALUES(`placed`), `filled` = `filled` + VALUES(`filled`), ' +
      '`partly` = `partly` + VALUES(`partly`), `cancelled` = `cancelled` + VALUES(`cancelled`), ' +
      '`volume` = `volume` + VALUES(`volume`), `filled_volume` = `filled_volume` + VALUES(`filled_volume`)',
    quoting,
  );
  await insert(
    conn,
    'INSERT INTO `rollup_quote_lifetime` (`actor`, `level`, `bucket`, `kind`, `lifetime_ms`, `n`) VALUES ? ' +
      'ON DUPLICATE KEY UPDATE `n` = `n` + VALUES(`n`)',
    lifetimes,
  );
  await insert(
    conn,
    'INSERT IGNORE INTO `rollup_quote_pending` (`actor`, `bucket`, `order_id`) VALUES ?',
    s.pending.map(([a, m, id]) => [a, toDbDate(new Date(m)), id]),
  );
  // A bucket built in several stretches gets their lists one after the other.
  await insert(
    conn,
    'INSERT INTO `rollup_spread` (`actor`, `level`, `bucket`, `exchange`, `spreads`) VALUES ? ' +
      "ON DUPLICATE KEY UPDATE `spreads` = CONCAT(`spreads`, ';', VALUES(`spreads`))",
    uptime,
    4,
  );
  return quoting.length + lifetimes.length + s.pending.length + uptime.length;
}

/**
 * Adds the position's change per minute of [from, to) (every actor and pair) from
 * rollup_fill's minute rows (below the rollup's mark, which the quality time trails).
 */
export async function writePositionMinutes(
  conn: PoolConnection,
  from: number,
  to: number,
): Promise<void> {
  await conn.query(
    'INSERT INTO `rollup_position` (`actor`, `volume_currency`, `price_currency`, `bucket`, `volume`) ' +
      "SELECT `actor`, `volume_currency`, `price_currency`, `bucket`, SUM(IF(`side` = 'BID', `volume`, -`volume`)) " +
      'FROM `rollup_fill` WHERE `level` = 1 AND `bucket` >= ? AND `bucket` < ? ' +
      'GROUP BY `actor`, `volume_currency`, `price_currency`, `bucket` ' +
      'ON DUPLICATE KEY UPDATE `volume` = `volume` + VALUES(`volume`)',
    [toDbDate(new Date(from)), toDbDate(new Date(to))],
  );
}

export const QUOTING_TABLES = [
  'rollup_quoting',
  'rollup_quote_lifetime',
  'rollup_quote_pending',
  'rollup_spread',
  'rollup_position',
] as const;

/** Deletes the quoting rollup's rows from `from` on (all of it when null). */
export async function deleteQuoting(conn: PoolConnection, from: number | null): Promise<void> {
  for (const t of QUOTING_TABLES)
    if (from === null) await conn.query(`DELETE FROM \`${t}\``);
    else await conn.query(`DELETE FROM \`${t}\` WHERE \`bucket\` >= ?`, [toDbDate(new Date(from))]);
}

/** What the rollup holds for one actor over [cs, ce) (whole minutes before the quality time). */
export interface StoredQuoting {
  /** Orders placed and closed in [cs, ce) (the pending ones are read live, see below). */
  sums: QuotingSums;
  /** The orders listed as still open when stored: read live from the trading database. */
  pendingIds: number[];
  /** Exchanges the actor placed orders on in [cs, ce) (pending orders' exchanges: the caller). */
  exchanges: Set<string>;
  /** exchange → [bucket start, spread → two-sided ms], buckets within one slice each. */
  uptime: Map<string, Array<[number, Map<number, number>]>>;
}

/** Adjacent ranges as one ([a, b) and [b, c) → [a, c)): a shorter WHERE. */
function mergeRanges(rs: ReadonlyArray<{ from: number; to: number }>) {
  const out: Array<{ from: number; to: number }> = [];
  for (const r of [...rs].sort((x, y) => x.from - y.from)) {
    const last = out[out.length - 1];
    if (last && last.to === r.from) last.to = r.to;
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

/**
 * A stored `spreads` text ("spread:ms;…", exact decimals) as spread (a number, as the raw path
 * draws it: fixedToNumber) → Σ ms. `values` caches each distinct decimal's number.
 */
export function parseSpreads(text: string, values: Map<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  if (!text) return out;
  for (const entry of text.split(';')) {
    const colon = entry.indexOf(':');
    const s = entry.slice(0, colon);
    let v = values.get(s);
    if (v === undefined) {
      v = fixedToNumber(parseFixed(s));
      values.set(s, v);
    }
    out.set(v, (out.get(v) ?? 0) + Number(entry.slice(colon + 1)));
  }
  return out;
}

/** A bucket's spreads as stored: "spread:ms;…" (exact decimals, trailing zeros trimmed). */
export function formatSpreads(spreads: ReadonlyMap<Fixed, number>): string {
  return [...spreads].map(([s, ms]) => `${fixedToString(s)}:${ms}`).join(';');
}

const rangesSql = (n: number) =>
  Array.from({ length: n }, () => '(`bucket` >= ? AND `bucket` < ?)').join(' OR ');
const rangeValues = (rs: ReadonlyArray<{ from: number; to: number }>) =>
  rs.flatMap((r) => [toDbDate(new Date(r.from)), toDbDate(new Date(r.to))]);

/**
 * Reads the stored quoting of `actor` over [cs, ce) (whole minutes; the markouts' covered
 * stretch), each level's buckets in one query per table. The uptime's buckets are planned per
 * slice (`edges`: the window's slice edges, whole minutes inside windows of 8 h or more), so
 * that every bucket read lies within one slice.
 */
export async function readStoredQuoting(
  dashboards: Pool,
  q: { actor: string; cs: number; ce: number; edges: readonly number[] },
  /** Each query's time (ms) is added here under its table's name (the benchmark's profile). */
  timings?: Record<string, number>,
): Promise<StoredQuoting> {
  const t0 = performance.now();
  const timed = (name: string, p: Promise<void>) =>
    p.then(() => {
      if (timings) timings[name] = Math.max(timings[name] ?? 0, Math.round(performance.now() - t0));
    });
  const actor = q.actor.toUpperCase();
  const out: StoredQuoting = {
    sums: emptyQuotingSums(),
    pendingIds: [],
    exchanges: new Set(),
    uptime: new Map(),
  };
  if (q.ce <= q.cs) return out;
  const plan = planWindow(q.cs, q.ce).buckets;
  const work: Array<Promise<void>> = [];
  for (const level of [1, 2, 3] as const) {
    const ranges = plan.filter((b) => b.level === level);
    if (ranges.length) {
      work.push(
        timed(
          'rollup_quoting',
          dashboards
            .query<RowDataPacket[]>({
              sql:
                'SELECT `exchange`, SUM(`placed`), SUM(`filled`), SUM(`partly`), SUM(`cancelled`), SUM(`volume`), SUM(`filled_volume`) ' +
                `FROM \`rollup_quoting\` WHERE \`actor\` = ? AND \`level\` = ? AND (${rangesSql(ranges.length)}) GROUP BY \`exchange\``,
              values: [actor, level, ...rangeValues(ranges)],
              rowsAsArray: true,
            })
            .then(([rows]) => {
              for (const r of rows as unknown as string[][]) {
                out.exchanges.add(r[0]);
                out.sums.placed += Number(r[1]);
                out.sums.filled += Number(r[2]);
                out.sums.partly += Number(r[3]);
                out.sums.cancelled += Number(r[4]);
                out.sums.volume += parseFixedOrZero(r[5]);
                out.sums.filledVolume += parseFixedOrZero(r[6]);
              }
            }),
        ),
        timed(
          'rollup_quote_lifetime',
          dashboards
            .query<RowDataPacket[]>({
              sql:
                'SELECT `kind`, `lifetime_ms`, SUM(`n`) FROM `rollup_quote_lifetime` ' +
                `WHERE \`actor\` = ? AND \`level\` = ? AND (${rangesSql(ranges.length)}) GROUP BY \`kind\`, \`lifetime_ms\``,
              values: [actor, level, ...rangeValues(ranges)],
              rowsAsArray: true,
            })
            .then(([rows]) => {
              for (const r of rows as unknown as string[][]) {
                const m = r[0] === 'F' ? out.sums.lifeFilled : out.sums.lifeCancelled;
                const ms = Number(r[1]);
                m.set(ms, (m.get(ms) ?? 0) + Number(r[2]));
              }
            }),
        ),
      );
    }
  }
  work.push(
    timed(
      'rollup_quote_pending',
      dashboards
        .query<RowDataPacket[]>({
          sql: 'SELECT `order_id` FROM `rollup_quote_pending` WHERE `actor` = ? AND `bucket` >= ? AND `bucket` < ?',
          values: [actor, toDbDate(new Date(q.cs)), toDbDate(new Date(q.ce))],
          rowsAsArray: true,
        })
        .then(([rows]) => {
          out.pendingIds = (rows as unknown as number[][]).map((r) => Number(r[0]));
        }),
    ),
  );
  // The two-sided time per spread of buckets within one slice each: one row per bucket and
  // exchange, its spreads parsed here (each distinct decimal once).
  const cuts = [q.cs, ...q.edges.filter((e) => e > q.cs && e < q.ce), q.ce];
  const slicePlan = cuts.slice(1).flatMap((e, i) => planWindow(cuts[i], e).buckets);
  const values = new Map<string, number>();
  for (const level of [1, 2, 3] as const) {
    const sliced = mergeRanges(slicePlan.filter((b) => b.level === level));
    if (sliced.length)
      work.push(
        timed(
          'rollup_spread',
          dashboards
            .query<RowDataPacket[]>({
              sql:
                'SELECT `bucket`, `exchange`, `spreads` FROM `rollup_spread` ' +
                `WHERE \`actor\` = ? AND \`level\` = ? AND (${rangesSql(sliced.length)})`,
              values: [actor, level, ...rangeValues(sliced)],
              rowsAsArray: true,
            })
            .then(([rows]) => {
              for (const r of rows as unknown as string[][]) {
                if (!out.uptime.has(r[1])) out.uptime.set(r[1], []);
                out.uptime
                  .get(r[1])!
                  .push([parseDbDate(r[0])!.getTime(), parseSpreads(r[2], values)]);
              }
            }),
        ),
      );
  }
  await Promise.all(work);
  return out;
}
