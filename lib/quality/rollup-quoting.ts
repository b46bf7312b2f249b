import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { toDbDate } from '../db/db-time';
import { type Fixed, fixedToNumber, fixedToString, parseFixedOrZero } from '../core/money/fixed';
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
import { SPREAD_QUANTILES, type StoredBand } from './domain/quantiles';
import { type StoredUptime, replayedSlack, twoSidedByMinute } from './domain/uptime';
import { OWN_ORDER_COLUMNS_SQL, type OwnOrder, ownOrderOfRow } from './queries';

/**
 * The rollup of quoting (docs/quality.md#the-rollup-of-quoting), built with the markouts'
 * stretches (lib/quality/rollup.ts: the same quality time, lock and rebuilds). Per minute of
 * creation, hour and day, strategy actor and exchange, the orders placed and already closed
 * (time_executed set) when their stretch was built: counts by outcome, Σ volume, Σ filled
 * volume (tables rollup_quoting) and their lifetimes as a multiset (rollup_quote_lifetime,
 * per actor); the orders still open then are listed (rollup_quote_pending) and read live, as
 * their outcome can change. And per minute, hour and day, actor and exchange, the two-sided
 * time per exact quoted spread (rollup_uptime), from the same quote segments as the raw path
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

async function insert(conn: PoolConnection, sql: string, rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += INSERT_BATCH)
    await conn.query(sql, [rows.slice(i, i + INSERT_BATCH)]);
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
        for (const [spread, ms] of spreads)
          uptime.push([
            actor,
            level,
            toDbDate(new Date(b)),
            exchange,
            fixedToString(spread, 30),
            ms,
          ]);
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
  await insert(
    conn,
    'INSERT INTO `rollup_uptime` (`actor`, `level`, `bucket`, `exchange`, `spread`, `ms`) VALUES ? ' +
      'ON DUPLICATE KEY UPDATE `ms` = `ms` + VALUES(`ms`)',
    uptime,
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
  'rollup_uptime',
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
  /**
   * exchange → its stored two-sided time per slice (index into `edges`) and over the whole
   * stretch: the total and the spreads around the median and p90 (StoredBand).
   */
  uptime: Map<string, StoredUptime>;
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
): Promise<StoredQuoting> {
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
      );
    }
  }
  work.push(
    dashboards
      .query<RowDataPacket[]>({
        sql: 'SELECT `order_id` FROM `rollup_quote_pending` WHERE `actor` = ? AND `bucket` >= ? AND `bucket` < ?',
        values: [actor, toDbDate(new Date(q.cs)), toDbDate(new Date(q.ce))],
        rowsAsArray: true,
      })
      .then(([rows]) => {
        out.pendingIds = (rows as unknown as number[][]).map((r) => Number(r[0]));
      }),
  );
  work.push(
    readStoredUptime(dashboards, { actor, cs: q.cs, ce: q.ce, edges: q.edges }).then((u) => {
      out.uptime = u;
    }),
  );
  await Promise.all(work);
  return out;
}

/**
 * The stored two-sided time of `actor` over [cs, ce) per exchange, per slice of `edges` (the
 * window's slice edges [from, …, until), whole minutes inside) and overall, as StoredBands: the
 * distribution of spreads is summed and cumulated in MariaDB (GROUP BY spread, a running SUM
 * over the spreads in order) and only the rows around the median and p90 come back, those
 * weightedQuantilesMerged may need once the replayed ends ([from, cs) and [ce, until), at most
 * their length per slice: the slack) are added live. The rows kept are storedSpreadBand's.
 */
export async function readStoredUptime(
  dashboards: Pool,
  q: { actor: string; cs: number; ce: number; edges: readonly number[] },
): Promise<Map<string, StoredUptime>> {
  const out = new Map<string, StoredUptime>();
  const { edges } = q;
  if (q.ce <= q.cs || edges.length < 2) return out;
  const cuts = [q.cs, ...edges.filter((e) => e > q.cs && e < q.ce), q.ce];
  const plan = cuts.slice(1).flatMap((e, i) => planWindow(cuts[i], e).buckets);
  const byLevel = ([1, 2, 3] as const)
    .map((level) => ({ level, ranges: plan.filter((b) => b.level === level) }))
    .filter((l) => l.ranges.length > 0);
  const where =
    '`actor` = ? AND (' +
    byLevel.map((l) => `(\`level\` = ? AND (${rangesSql(l.ranges.length)}))`).join(' OR ') +
    ')';
  const whereValues = [
    q.actor.toUpperCase(),
    ...byLevel.flatMap((l) => [l.level, ...rangeValues(l.ranges)]),
  ];
  // The slice of a bucket (each lies within one): the last edge at or before its start.
  const inner = edges.slice(1, -1);
  const sliceSql = inner.length
    ? `CASE ${inner.map(() => 'WHEN `bucket` < ? THEN ?').join(' ')} ELSE ${inner.length} END`
    : '0';
  const sliceValues = inner.flatMap((e, k) => [toDbDate(new Date(e)), k]);
  const slack = replayedSlack(edges, [
    [edges[0], q.cs],
    [q.ce, edges[edges.length - 1]],
  ]);
  const slackCases = [
    [-1, slack.all] as const,
    ...slack.slices.map((n, k) => [k, n] as const),
  ].filter(([, n]) => n > 0);
  const slackSql = slackCases.length
    ? `CASE \`k\` ${slackCases.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END`
    : '0';
  const slackValues = slackCases.flat();
  // storedSpreadBand, per quantile: cum ≥ q·total − slack − 2 and cum − w ≤ q·(total + slack) + 2.
  const band = SPREAD_QUANTILES.map(
    (qq) =>
      `(\`cum\` >= ${qq} * \`total\` - \`slack\` - 2 AND \`cum\` - \`w\` <= ${qq} * (\`total\` + \`slack\`) + 2)`,
  ).join(' OR ');
  const [rows] = await dashboards.query<RowDataPacket[]>({
    sql:
      'SELECT `exchange`, `k`, `spread`, `w`, `cum` - `w`, `total` FROM (' +
      'SELECT `exchange`, `k`, `spread`, `w`, ' +
      'SUM(`w`) OVER (PARTITION BY `exchange`, `k` ORDER BY `spread` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `cum`, ' +
      `SUM(\`w\`) OVER (PARTITION BY \`exchange\`, \`k\`) AS \`total\`, ${slackSql} AS \`slack\` FROM (` +
      `SELECT \`exchange\`, ${sliceSql} AS \`k\`, \`spread\`, SUM(\`ms\`) AS \`w\` FROM \`rollup_uptime\` ` +
      `WHERE ${where} GROUP BY \`exchange\`, \`k\`, \`spread\` ` +
      'UNION ALL ' +
      'SELECT `exchange`, -1, `spread`, SUM(`ms`) FROM `rollup_uptime` ' +
      `WHERE ${where} GROUP BY \`exchange\`, \`spread\`` +
      ') `g`) `c` ' +
      `WHERE ${band} ORDER BY \`exchange\`, \`k\`, \`spread\``,
    values: [...slackValues, ...sliceValues, ...whereValues, ...whereValues],
    rowsAsArray: true,
  });
  const slices = new Map<string, Map<number, StoredBand>>();
  let last: { rows: Array<[number, number, number]> } | null = null;
  let lastKey = '';
  for (const r of rows as unknown as string[][]) {
    const exchange = r[0];
    const k = Number(r[1]);
    if (!out.has(exchange)) {
      slices.set(exchange, new Map());
      out.set(exchange, { slices: slices.get(exchange)!, all: null });
    }
    const key = `${exchange}${SEP}${k}`;
    if (key !== lastKey) {
      const b = { total: Number(r[5]), rows: [] as Array<[number, number, number]> };
      if (k < 0) out.get(exchange)!.all = b;
      else slices.get(exchange)!.set(k, b);
      last = b;
      lastKey = key;
    }
    last!.rows.push([fixedToNumber(parseFixedOrZero(r[2])), Number(r[3]), Number(r[4])]);
  }
  return out;
}
