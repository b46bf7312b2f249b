/**
 * Schema of our own read-write "dashboards" database.
 *
 * `user` keeps Gryphon's columns exactly (reference 10.1) so an existing Gryphon dashboards
 * database is adopted in place: its rows, its `$2a$12$` bcrypt hashes and its
 * `alembic_version` table are left untouched. Datetimes are naive UTC (Gryphon wrote server
 * local time into user.time_created; we only display it).
 */
import { bigint, boolean, date, datetime, decimal, index, int, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';

export const user = mysqlTable(
  'user',
  {
    userId: int('user_id').autoincrement().primaryKey(),
    uniqueId: varchar('unique_id', { length: 64 }).notNull(),
    username: varchar('username', { length: 64 }).notNull(),
    password: varchar('password', { length: 100 }).notNull(),
    userType: varchar('user_type', { length: 64 }).notNull(),
    timeCreated: datetime('time_created', { mode: 'date' }).notNull(),
  },
  (t) => [index('user_username_idx').on(t.username), index('user_unique_id_idx').on(t.uniqueId)],
);
export type User = typeof user.$inferSelect;
export type NewUser = typeof user.$inferInsert;

/**
 * One row per login attempt, so brute-force counters hold across restarts and across
 * several servers sharing the database. Old rows are pruned by the login path itself.
 */
export const loginAttempt = mysqlTable(
  'login_attempt',
  {
    attemptId: bigint('attempt_id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    username: varchar('username', { length: 64 }).notNull(),
    ip: varchar('ip', { length: 64 }).notNull(),
    succeeded: boolean('succeeded').notNull(),
    timeCreated: datetime('time_created', { mode: 'date' }).notNull(),
  },
  (t) => [
    index('login_attempt_username_time_idx').on(t.username, t.timeCreated),
    index('login_attempt_ip_time_idx').on(t.ip, t.timeCreated),
  ],
);
export type LoginAttempt = typeof loginAttempt.$inferSelect;

/**
 * What we know about each `order.actor` of the trading database, built incrementally from
 * the trading tables' primary keys so the home page never scans the whole history.
 * Every column is a MIN/MAX, so re-reading a range of rows is harmless.
 */
export const actorCatalog = mysqlTable('actor_catalog', {
  actor: varchar('actor', { length: 64 }).primaryKey(),
  firstOrderTime: datetime('first_order_time', { mode: 'date' }),
  lastOrderTime: datetime('last_order_time', { mode: 'date' }),
  lastFillTime: datetime('last_fill_time', { mode: 'date' }),
});

/** Key/value high-water marks of incremental readers (e.g. the last order_id catalogued). */
export const syncState = mysqlTable(
  'sync_state',
  {
    name: varchar('name', { length: 64 }).notNull(),
    scope: varchar('scope', { length: 128 }).notNull().default(''),
    value: varchar('value', { length: 255 }).notNull(),
    timeUpdated: datetime('time_updated', { mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.scope] })],
);

/**
 * Per-day sums of each actor's fills, per volume currency: the checkpoints that give a
 * strategy's exact opening position at any instant without scanning its whole history.
 * Covers trade ids up to the `actor_daily.trade_id` high-water mark in sync_state; fills
 * after it are read live. Sums are exact DECIMALs (volumes are DECIMAL(24,14) in Gryphon).
 */
export const actorDailyVolume = mysqlTable(
  'actor_daily_volume',
  {
    actor: varchar('actor', { length: 64 }).notNull(),
    volumeCurrency: varchar('volume_currency', { length: 8 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    bidVolume: decimal('bid_volume', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    askVolume: decimal('ask_volume', { precision: 38, scale: 14, mode: 'string' }).notNull(),
    fillCount: int('fill_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actor, t.volumeCurrency, t.day] })],
);
