/** The remaining tables: events, flags, backtesting results and alembic's version row. */
import { index, int, longtext, mysqlTable } from 'drizzle-orm/mysql-core';
import { id, uniqueId, timeCreated, dec20, str } from './columns';

export const event = mysqlTable(
  'event',
  {
    uniqueId: uniqueId(),
    eventId: id('event_id'),
    timeCreated: timeCreated(),
    exchangeName: str('exchange_name', 256).notNull(),
    eventType: str('event_type', 256).notNull(),
    data: longtext('data'),
  },
  (t) => [index('time_created').on(t.timeCreated)],
);

export const flag = mysqlTable('flag', {
  key: str('key', 64).notNull().primaryKey(),
  value: longtext('value'),
});

/** Backtesting results; not used by the dashboards. */
export const result = mysqlTable('result', {
  resultId: id('result_id'),
  ticks: int('ticks').notNull(),
  uniqueId: uniqueId(),
  algorithm: str('algorithm', 64).notNull(),
  batch: str('batch', 64).notNull(),
  tradingVolume: dec20('trading_volume'),
  usd: dec20('usd'),
  btc: dec20('btc'),
  timeCreated: timeCreated(),
});

export const resultTrade = mysqlTable('result_trade', {
  tradeId: id('trade_id'),
  price: dec20('price'),
  priceCurrency: str('price_currency', 3),
  volume: dec20('volume'),
  volumeCurrency: str('volume_currency', 3),
  tick: int('tick'),
  userTrade: str('user_trade', 64),
  resultId: int('result_id').references(() => result.resultId),
});

export const alembicVersion = mysqlTable('alembic_version', {
  versionNum: str('version_num', 32).notNull(),
});

export type Event = typeof event.$inferSelect;
export type Flag = typeof flag.$inferSelect;
export type Result = typeof result.$inferSelect;
export type ResultTrade = typeof resultTrade.$inferSelect;
export type AlembicVersion = typeof alembicVersion.$inferSelect;
