import 'server-only';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { type Fixed, parseFixedOrZero } from '../core/money/fixed';
import { parseDbDate, toDbDate } from '../db/db-time';
import {
  FILL_ACCOUNT_SQL,
  FILL_ACTOR_SQL,
  FILL_FEE_CURRENCY_SQL,
  FILL_FEE_SQL,
  FILL_NOTIONAL_SQL,
  FILL_PRICE_CURRENCY_SQL,
  FILL_SIDE_SQL,
  FILL_VOLUME_CURRENCY_SQL,
  FILL_VOLUME_SQL,
} from '../fills/sql';
import {
  DAY_MS,
  floorTo,
  type Level,
  type MsRange,
  planWindow,
  type StoredLevel,
} from './domain/buckets';
import { type BucketSums, mergeSums, type Side, sumsFromSql } from './domain/sums';
import {
  FILLS_FROM_SQL,
  fiveMinuteStartSql,
  MINUTE_SQL,
  ROLLUP_GROUP_SQL,
  ROLLUP_KEYS_SQL,
  ROLLUP_SUMS_SQL,
  ROLLUP_TABLE_KEYS_SQL,
  ROLLUP_TABLE_SUMS_SQL,
} from './sql';

/**
 * Exact sums of the fills of any window, without reading that window's fills: the whole
 * buckets of the rollup (ids up to the mark), plus, read live from the trading database, the
 * stretches at the ends no bucket covers (under a minute each) and every fill above the mark
 * (not rolled up yet: the newest minutes, or more while a new installation catches up).
 * A request only reads; refreshing is the background's job (lib/background).
 */
export const ROLLUP_STATE = 'rollup.trade_id';

/** The high-water mark: fills with trade_id up to it are in rollup_fill (refresh.ts). */
export async function readRollupMark(dashboards: Pool | PoolConnection): Promise<number> {
  const [rows] = await dashboards.query<RowDataPacket[]>(
    "SELECT `value` FROM `sync_state` WHERE `name` = ? AND `scope` = ''",
    [ROLLUP_STATE],
  );
  return rows.length ? Number(rows[0].value) : 0;
}

export interface RollupStatus {
  mark: number;
  newestTradeId: number;
  /** Share of the history's trade ids rolled up (1: up to date but for the newest minutes). */
  progress: number;
}

export async function readRollupStatus(trading: Pool, dashboards: Pool): Promise<RollupStatus> {
  const [mark, [rows]] = await Promise.all([
    readRollupMark(dashboards),
    trading.query<RowDataPacket[]>('SELECT COALESCE(MAX(`trade_id`), 0) AS id FROM `trade`'),
  ]);
  const newestTradeId = Number(rows[0].id);
  return { mark, newestTradeId, progress: newestTradeId <= mark ? 1 : mark / newestTradeId };
}

/** Fills the rollup may lag behind by before a page says so (a few minutes of a busy history). */
const QUIET_LAG_IDS = 50_000;

/** What a page says while a new installation's rollup catches up (null: nothing to say). */
export function rollupProgressNote(s: RollupStatus): string | null {
  if (s.newestTradeId - s.mark <= QUIET_LAG_IDS) return null;
  return (
    `The rollup of the trading history is still being built (${Math.floor(s.progress * 100)} % of fills so far): ` +
    'the figures are exact, but this page reads the rest of the fills directly and is slower until it finishes.'
  );
}

export interface FillSumsQuery {
  /** Window [from, to); from null = since the beginning of the history. */
  from: Date | null;
  to: Date;
  /** One row per UTC day (bucket = the day's start) and key, or one per key (bucket null). */
  byDay: boolean;
  /** Only this strategy actor's fills (upper-cased, as the rollup keys them). */
  actor?: string;
  /** Only fills of these accounts (order.exchange_name, upper-cased). */
  accounts?: readonly string[];
  /** The rollup's high-water mark (readRollupMark), read once per request. */
  mark: number;
}

export async function readFillSums(
  trading: Pool,
  dashboards: Pool,
  q: FillSumsQuery,
): Promise<BucketSums[]> {
  const fromMs = q.from?.getTime() ?? 0;
  const toMs = q.to.getTime();
  if (fromMs >= toMs || q.accounts?.length === 0) return [];
  const plan = planWindow(fromMs, toMs);
  const parts: Array<Promise<BucketSums[]>> = [];
  if (plan.buckets.length > 0 && q.mark > 0) parts.push(readBuckets(dashboards, plan.buckets, q));
  // DATETIME has whole seconds: a stretch inside one second selects nothing, as it must.
  if (plan.live.length > 0 && q.mark > 0) {
    const live = plan.live
      .map(() => '(t.`time_created` >= ? AND t.`time_created` < ?)')
      .join(' OR ');
    const params = plan.live.flatMap(([a, b]) => [toDbDate(new Date(a)), toDbDate(new Date(b))]);
    parts.push(readLive(trading, `(${live}) AND t.\`trade_id\` <= ?`, [...params, q.mark], q));
  }
  const range = q.from ? 't.`time_created` >= ? AND t.`time_created` < ?' : 't.`time_created` < ?';
  const rangeParams = q.from ? [toDbDate(q.from), toDbDate(q.to)] : [toDbDate(q.to)];
  parts.push(readLive(trading, `t.\`trade_id\` > ? AND ${range}`, [q.mark, ...rangeParams], q));
  const rows = (await Promise.all(parts)).flat();
  return mergeSums(rows, (r) => (q.byDay ? floorTo(r.bucket as number, DAY_MS) : null));
}

/** readFillSums' live part for the fills above the mark alone: those in [from, to) (from null: since the beginning). */
export async function readFillSumsAboveMark(
  trading: Pool,
  q: { from?: Date | null; to: Date; actor?: string; accounts?: readonly string[]; mark: number },
): Promise<BucketSums[]> {
  if (q.accounts?.length === 0) return [];
  const range = q.from ? 't.`time_created` >= ? AND t.`time_created` < ?' : 't.`time_created` < ?';
  const rangeParams = q.from ? [toDbDate(q.from), toDbDate(q.to)] : [toDbDate(q.to)];
  const rows = await readLive(
    trading,
    `t.\`trade_id\` > ? AND ${range}`,
    [q.mark, ...rangeParams],
    {
      ...q,
      from: q.from ?? null,
      byDay: false,
    },
  );
  return mergeSums(rows, () => null);
}

function filters(
  q: Pick<FillSumsQuery, 'actor' | 'accounts'>,
  actorExpr: string,
  accountExpr: string,
): { sql: string; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (q.actor !== undefined) {
    sql.push(`${actorExpr} = ?`);
    params.push(q.actor.toUpperCase());
  }
  if (q.accounts !== undefined) {
    sql.push(`${accountExpr} IN (?)`);
    params.push(q.accounts.map((a) => a.toUpperCase()));
  }
  return { sql: sql.map((s) => ` AND ${s}`).join(''), params };
}

async function readBuckets(
  dashboards: Pool,
  buckets: ReturnType<typeof planWindow>['buckets'],
  q: FillSumsQuery,
): Promise<BucketSums[]> {
  const ranges = buckets.map(() => '(`level` = ? AND `bucket` >= ? AND `bucket` < ?)').join(' OR ');
  const params: unknown[] = buckets.flatMap((b) => [
    b.level,
    toDbDate(new Date(b.from)),
    toDbDate(new Date(b.to)),
  ]);
  const f = filters(q, '`actor`', '`account`');
  const day = q.byDay ? "DATE_FORMAT(`bucket`, '%Y-%m-%d') AS bucket, " : '';
  const [rows] = await dashboards.query<RowDataPacket[]>(
    `SELECT ${day}${ROLLUP_TABLE_KEYS_SQL}, ${ROLLUP_TABLE_SUMS_SQL} FROM \`rollup_fill\` WHERE (${ranges})${f.sql} ` +
      `GROUP BY ${q.byDay ? 'bucket, ' : ''}${ROLLUP_GROUP_SQL}`,
    [...params, ...f.params],
  );
  return rows.map((r) => sumsFromSql(r as Parameters<typeof sumsFromSql>[0]));
}

async function readLive(
  trading: Pool,
  where: string,
  params: unknown[],
  q: FillSumsQuery,
): Promise<BucketSums[]> {
  const f = filters(q, FILL_ACTOR_SQL, FILL_ACCOUNT_SQL);
  const day = q.byDay ? "DATE_FORMAT(t.`time_created`, '%Y-%m-%d') AS bucket, " : '';
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT ${day}${ROLLUP_KEYS_SQL}, ${ROLLUP_SUMS_SQL} ${FILLS_FROM_SQL} WHERE ${where}${f.sql} ` +
      `GROUP BY ${q.byDay ? 'bucket, ' : ''}${ROLLUP_GROUP_SQL}`,
    [...params, ...f.params],
  );
  return rows.map((r) => sumsFromSql(r as Parameters<typeof sumsFromSql>[0]));
}

/**
 * The earliest UTC day from which an actor's same-side fills add up to `needed` (with `covered`
 * already found after `beforeDay`): the lots open before `beforeDay` lie between that day and
 * the instant (FIFO leaves the newest fills of a side open). Walks the rollup's days backwards;
 * epoch 0 when they do not reach that far. Fills above the mark are not counted, which can only
 * move the answer earlier: still correct, a few more rows to read. The one lot search of the
 * strategy and fund pages.
 */
export async function lotSearchStart(
  dashboards: Pool,
  q: {
    actor: string;
    volumeCurrency: string;
    side: 'BID' | 'ASK';
    needed: Fixed;
    covered: Fixed;
    beforeDay: Date;
  },
): Promise<Date> {
  let covered = q.covered;
  let before = toDbDate(q.beforeDay);
  let from = q.beforeDay;
  while (covered < q.needed) {
    const [rows] = await dashboards.query<RowDataPacket[]>(
      'SELECT `bucket` AS day, SUM(`volume`) AS v FROM `rollup_fill` ' +
        'WHERE `actor` = ? AND `level` = 3 AND `bucket` < ? AND `volume_currency` = ? AND `side` = ? ' +
        'GROUP BY `bucket` ORDER BY `bucket` DESC LIMIT 200',
      [q.actor.toUpperCase(), before, q.volumeCurrency.toUpperCase(), q.side],
    );
    if (rows.length === 0) return new Date(0);
    for (const r of rows) {
      covered += parseFixedOrZero(String(r.v));
      from = parseDbDate(r.day) as Date;
      if (covered >= q.needed) break;
    }
    before = String(rows[rows.length - 1].day);
  }
  return from;
}

/**
 * The rated fills (by key) of the nearest rolled-up UTC day before `day` (or after it) on which
 * `currency` was traded as a volume or a price currency: where a carried rate comes from.
 */
export async function nearestTradedDay(
  dashboards: Pool,
  q: { currency: string; day: Date; direction: 'before' | 'after' },
): Promise<BucketSums[]> {
  const before = q.direction === 'before';
  const [found] = await dashboards.query<RowDataPacket[]>(
    `SELECT ${before ? 'MAX' : 'MIN'}(\`bucket\`) AS day FROM \`rollup_fill\` ` +
      `WHERE \`level\` = 3 AND \`rated\` = 1 AND \`bucket\` ${before ? '<' : '>'} ? AND (\`volume_currency\` = ? OR \`price_currency\` = ?)`,
    [toDbDate(q.day), q.currency, q.currency],
  );
  const day = found[0]?.day;
  if (!day) return [];
  const [rows] = await dashboards.query<RowDataPacket[]>(
    `SELECT \`bucket\` AS bucket, ${ROLLUP_TABLE_KEYS_SQL}, ${ROLLUP_TABLE_SUMS_SQL} FROM \`rollup_fill\` ` +
      'WHERE `level` = 3 AND `bucket` = ? AND `rated` = 1 AND (`volume_currency` = ? OR `price_currency` = ?) ' +
      `GROUP BY bucket, ${ROLLUP_GROUP_SQL}`,
    [day, q.currency, q.currency],
  );
  return rows.map((r) => sumsFromSql(r as Parameters<typeof sumsFromSql>[0]));
}

const LEVEL_BUCKET_SQL: Record<StoredLevel, string> = {
  1: MINUTE_SQL,
  4: `DATE_FORMAT(${fiveMinuteStartSql('t.`time_created`')}, '%Y-%m-%d %H:%i:00')`,
  2: "DATE_FORMAT(t.`time_created`, '%Y-%m-%d %H:00:00')",
  3: "DATE_FORMAT(t.`time_created`, '%Y-%m-%d 00:00:00')",
};

/**
 * Sums per bucket of one level over [from, to) (both on that level's bucket edges): the
 * rollup's rows, and the fills above the mark read live into the same buckets.
 */
export async function readLevelSums(
  trading: Pool,
  dashboards: Pool,
  q: { from: Date; to: Date; level: Level; actor?: string; mark: number },
): Promise<BucketSums[]> {
  const range = [toDbDate(q.from), toDbDate(q.to)];
  const f = filters(q, '`actor`', '`account`');
  const [[stored], fresh] = await Promise.all([
    dashboards.query<RowDataPacket[]>(
      `SELECT \`bucket\` AS bucket, ${ROLLUP_TABLE_KEYS_SQL}, ${ROLLUP_TABLE_SUMS_SQL} FROM \`rollup_fill\` ` +
        `WHERE \`level\` = ? AND \`bucket\` >= ? AND \`bucket\` < ?${f.sql} GROUP BY bucket, ${ROLLUP_GROUP_SQL}`,
      [q.level, ...range, ...f.params],
    ),
    readLevelSumsAboveMark(trading, q),
  ]);
  const rows = [
    ...stored.map((r) => sumsFromSql(r as Parameters<typeof sumsFromSql>[0])),
    ...fresh,
  ];
  return mergeSums(rows, (r) => r.bucket);
}

/** readLevelSums' live part alone: the fills above the mark, per bucket of the level (not merged). */
export async function readLevelSumsAboveMark(
  trading: Pool,
  q: { from: Date; to: Date; level: StoredLevel; actor?: string; mark: number },
): Promise<BucketSums[]> {
  const live = filters(q, FILL_ACTOR_SQL, FILL_ACCOUNT_SQL);
  const [rows] = await trading.query<RowDataPacket[]>(
    `SELECT ${LEVEL_BUCKET_SQL[q.level]} AS bucket, ${ROLLUP_KEYS_SQL}, ${ROLLUP_SUMS_SQL} ${FILLS_FROM_SQL} ` +
      `WHERE t.\`trade_id\` > ? AND t.\`time_created\` >= ? AND t.\`time_created\` < ?${live.sql} GROUP BY bucket, ${ROLLUP_GROUP_SQL}`,
    [q.mark, toDbDate(q.from), toDbDate(q.to), ...live.params],
  );
  return rows.map((r) => sumsFromSql(r as Parameters<typeof sumsFromSql>[0]));
}

/**
 * What a balance needs of one bucket's fills, per side and currencies: the sums of volume,
 * notional and fee, as the exact decimal strings SQL gives (a lean read for many small
 * buckets: no actor, rate or fee valuation).
 */
export interface BucketFlows {
  /** Bucket start, epoch ms (a second's start for the live seconds). */
  bucket: number;
  side: Side;
  priceCurrency: string;
  volumeCurrency: string;
  /** A NULL or empty fee currency is the price currency. */
  feeCurrency: string;
  volume: string;
  notional: string;
  fee: string;
  count: number;
}

/** `(expr >= ? AND expr < ?) OR ...` over epoch-ms ranges, with its parameters. */
function rangesSql(expr: string, ranges: readonly MsRange[]): { sql: string; params: string[] } {
  return {
    sql: `(${ranges.map(() => `(${expr} >= ? AND ${expr} < ?)`).join(' OR ')})`,
    params: ranges.flatMap(([a, b]) => [toDbDate(new Date(a)), toDbDate(new Date(b))]),
  };
}

const FLOW_KEYS_SQL = 'side, pc, vc, fc';

/** The index k of the stretch [edges[k - 1], edges[k]) holding `expr` (DATETIME, UTC). */
function stretchSql(expr: string, edges: readonly number[]): { sql: string; params: number[] } {
  return {
    sql: `INTERVAL(TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', ${expr}), ${edges.map(() => '?').join(', ')})`,
    params: edges.map((e) => e / 1000),
  };
}

function flowsFromSql(rows: RowDataPacket[], edges: readonly number[]): BucketFlows[] {
  return rows.map((r) => ({
    bucket: edges[Number(r.k) - 1],
    side: r.side === 'BID' ? 'BID' : 'ASK',
    priceCurrency: String(r.pc ?? ''),
    volumeCurrency: String(r.vc ?? ''),
    feeCurrency: String(r.fc ?? ''),
    volume: String(r.volume ?? '0'),
    notional: String(r.notional ?? '0'),
    fee: String(r.fee ?? '0'),
    count: Number(r.n),
  }));
}

/**
 * Flows of the fills in `ranges`, summed per stretch between consecutive `edges` (epoch ms,
 * whole seconds, ascending; every range starts and ends on one): `bucket` is the stretch's
 * start. One query of each source, a few rows per edge, however long the ranges. A level
 * (ranges on its bucket edges): the rollup's buckets (ids up to the mark; none when the mark
 * is 0) and the fills above the mark read live, as separate rows. 'second': every fill of the
 * ranges read live (the parts no bucket covers, under a minute each).
 */
export async function readFlows(
  trading: Pool,
  dashboards: Pool,
  q: {
    level: Level | 'second';
    ranges: readonly MsRange[];
    edges: readonly number[];
    actor?: string;
    accounts?: readonly string[];
    mark: number;
  },
): Promise<BucketFlows[]> {
  if (q.ranges.length === 0 || q.accounts?.length === 0) return [];
  const live = filters(q, FILL_ACTOR_SQL, FILL_ACCOUNT_SQL);
  const liveRanges = rangesSql('t.`time_created`', q.ranges);
  const liveStretch = stretchSql('t.`time_created`', q.edges);
  const liveRead = (where: string, params: unknown[]) =>
    trading
      .query<RowDataPacket[]>(
        `SELECT ${liveStretch.sql} AS k, ${FILL_SIDE_SQL} AS side, ${FILL_PRICE_CURRENCY_SQL} AS pc, ` +
          `${FILL_VOLUME_CURRENCY_SQL} AS vc, ${FILL_FEE_CURRENCY_SQL} AS fc, COALESCE(SUM(${FILL_VOLUME_SQL}), 0) AS volume, ` +
          `COALESCE(SUM(${FILL_NOTIONAL_SQL}), 0) AS notional, COALESCE(SUM(${FILL_FEE_SQL}), 0) AS fee, COUNT(*) AS n ` +
          `${FILLS_FROM_SQL} WHERE ${where} AND ${liveRanges.sql}${live.sql} GROUP BY k, ${FLOW_KEYS_SQL}`,
        [...liveStretch.params, ...params, ...liveRanges.params, ...live.params],
      )
      .then(([rows]) => flowsFromSql(rows, q.edges));
  if (q.level === 'second') return liveRead('1', []);
  const f = filters(q, '`actor`', '`account`');
  const storedRanges = rangesSql('`bucket`', q.ranges);
  const storedStretch = stretchSql('`bucket`', q.edges);
  // One account's buckets straight from its index: MariaDB otherwise walks every account's
  // rows of the ranges on the primary key (measured: half the time for a year's hours).
  const hint =
    q.accounts !== undefined && q.actor === undefined ? ' FORCE INDEX (`rollup_fill_account`)' : '';
  const [stored, fresh] = await Promise.all([
    q.mark > 0
      ? dashboards
          .query<RowDataPacket[]>(
            `SELECT ${storedStretch.sql} AS k, \`side\` AS side, \`price_currency\` AS pc, \`volume_currency\` AS vc, ` +
              '`fee_currency` AS fc, SUM(`volume`) AS volume, SUM(`notional`) AS notional, SUM(`fee`) AS fee, ' +
              `SUM(\`fill_count\`) AS n FROM \`rollup_fill\`${hint} WHERE \`level\` = ? AND ${storedRanges.sql}${f.sql} ` +
              `GROUP BY k, ${FLOW_KEYS_SQL}`,
            [...storedStretch.params, q.level, ...storedRanges.params, ...f.params],
          )
          .then(([rows]) => flowsFromSql(rows, q.edges))
      : Promise.resolve([]),
    liveRead('t.`trade_id` > ?', [q.mark]),
  ]);
  return [...stored, ...fresh];
}
