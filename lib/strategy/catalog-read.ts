import 'server-only';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { parseDbDate, toDbDate } from '../db/db-time';
import { CATALOG_SOURCES, CATALOG_TAIL_IDS, readCatalogMark, type CatalogSource } from './catalog';

/**
 * What requests know of the actors, by reading only: the catalog (catalog.ts, kept by the
 * background job) plus the ids it has not read yet, read straight from the trading database
 * (the same primary-key range its next refresh takes, tail of late commits included). So an
 * actor that started trading a moment ago is listed and has its page at once. While a first
 * build of a large history is under way, only the newest UNREAD_IDS ids are read here.
 */
const UNREAD_IDS = 50_000;

export interface CatalogActor {
  actor: string;
  firstOrderTime: Date | null;
  lastOrderTime: Date | null;
  lastFillTime: Date | null;
}

export interface ActorActivity extends CatalogActor {
  /** Fills in the 24 hours before `now`. */
  fills24h: number;
}

interface Unread {
  source: CatalogSource;
  /** Ids in (from, to]; `to` is the source's current maximum id. */
  from: number;
  to: number;
  /** False while the catalog is further behind than UNREAD_IDS. */
  whole: boolean;
  /** Ids the catalog has read. */
  read: number;
}

async function unreadRange(
  trading: Pool,
  dashboards: Pool,
  source: CatalogSource,
): Promise<Unread> {
  const [[[max]], mark] = await Promise.all([
    trading.query<RowDataPacket[]>(source.maxIdSql),
    readCatalogMark(dashboards, source.state),
  ]);
  const to = Number(max?.m ?? 0);
  const read = Math.min(mark, to);
  const rereadFrom = Math.max(0, read - CATALOG_TAIL_IDS);
  const from = Math.max(rereadFrom, to - UNREAD_IDS);
  return { source, from, to, whole: from === rereadFrom, read };
}

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * Every actor of the catalog and of the ids it has not read yet, merged case-insensitively;
 * `progress` is 1 when the list is complete, else the share of the history the catalog has read.
 */
export async function listCatalogActors(
  trading: Pool,
  dashboards: Pool,
): Promise<{ actors: CatalogActor[]; progress: number }> {
  const [[catalog], ...unread] = await Promise.all([
    dashboards.query<RowDataPacket[]>(
      'SELECT `actor`, `first_order_time`, `last_order_time`, `last_fill_time` FROM `actor_catalog`',
    ),
    ...CATALOG_SOURCES.map((s) => unreadRange(trading, dashboards, s)),
  ]);
  const byActor = new Map<string, CatalogActor>();
  const merge = (a: CatalogActor) => {
    const key = a.actor.toUpperCase();
    const known = byActor.get(key);
    byActor.set(
      key,
      known
        ? {
            actor: known.actor,
            firstOrderTime: earliest(known.firstOrderTime, a.firstOrderTime),
            lastOrderTime: latest(known.lastOrderTime, a.lastOrderTime),
            lastFillTime: latest(known.lastFillTime, a.lastFillTime),
          }
        : a,
    );
  };
  for (const r of catalog)
    merge({
      actor: String(r.actor),
      firstOrderTime: parseDbDate(r.first_order_time),
      lastOrderTime: parseDbDate(r.last_order_time),
      lastFillTime: parseDbDate(r.last_fill_time),
    });
  for (const u of unread) {
    if (u.from >= u.to) continue;
    const [rows] = await trading.query<RowDataPacket[]>(u.source.rangeSql, [u.from, u.to]);
    for (const r of rows) {
      const hi = parseDbDate(r.hi);
      merge({
        actor: String(r.actor),
        firstOrderTime: u.source.orders ? parseDbDate(r.lo) : null,
        lastOrderTime: u.source.orders ? hi : null,
        lastFillTime: u.source.orders ? null : hi,
      });
    }
  }
  const total = unread.reduce((n, u) => n + u.to, 0);
  const done = unread.reduce((n, u) => n + u.read, 0);
  const progress = unread.every((u) => u.whole) || total === 0 ? 1 : done / total;
  return { actors: [...byActor.values()], progress };
}

/** The actors with their fills of the last 24 hours (counted through trade.time_created's index). */
export async function listActorActivity(
  trading: Pool,
  dashboards: Pool,
  now: Date,
): Promise<{ actors: ActorActivity[]; progress: number }> {
  const since = toDbDate(new Date(now.getTime() - 24 * 3600 * 1000));
  const [{ actors, progress }, [recent]] = await Promise.all([
    listCatalogActors(trading, dashboards),
    trading.query<RowDataPacket[]>(
      'SELECT o.`actor` AS actor, COUNT(*) AS n FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
        'WHERE t.`time_created` >= ? GROUP BY o.`actor`',
      [since],
    ),
  ]);
  const counts = new Map<string, number>();
  for (const r of recent) {
    if (r.actor === null) continue;
    const key = String(r.actor).toUpperCase();
    counts.set(key, (counts.get(key) ?? 0) + Number(r.n));
  }
  return {
    actors: actors.map((a) => ({ ...a, fills24h: counts.get(a.actor.toUpperCase()) ?? 0 })),
    progress,
  };
}

/**
 * The actor named `name` (any case) as stored: from the catalog, else from the orders it has
 * not read yet (`LIMIT 1` on a short primary-key range when the catalog is current). Null when
 * neither has it.
 */
export async function findActor(
  trading: Pool,
  dashboards: Pool,
  name: string,
): Promise<string | null> {
  const upper = name.toUpperCase();
  const [catalogued] = await dashboards.query<RowDataPacket[]>(
    'SELECT `actor` FROM `actor_catalog` WHERE UPPER(`actor`) = ? LIMIT 1',
    [upper],
  );
  if (catalogued.length) return String(catalogued[0].actor);
  const orders = CATALOG_SOURCES.find((s) => s.orders) as CatalogSource;
  const { from, to } = await unreadRange(trading, dashboards, orders);
  if (from >= to) return null;
  const [fresh] = await trading.query<RowDataPacket[]>(
    'SELECT `actor` FROM `order` WHERE `order_id` > ? AND `order_id` <= ? AND UPPER(`actor`) = ? LIMIT 1',
    [from, to, upper],
  );
  return fresh.length ? String(fresh[0].actor) : null;
}
