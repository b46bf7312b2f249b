/** Orders, their fills and the metrics strategies attach to them. */
import { index, int, longtext, mysqlTable } from 'drizzle-orm/mysql-core';
import { id, uniqueId, timeCreated, utcDatetime, dec20, dec24, str } from './columns';
import { transaction } from './ledger';

/** `order` is a reserved word: drizzle back-quotes it; raw SQL must too. */
export const order = mysqlTable(
  'order',
  {
    orderId: id('order_id'),
    status: str('status', 32).notNull(),
    orderType: str('order_type', 64),
    uniqueId: uniqueId(),
    exchangeOrderId: str('exchange_order_id', 64),
    actor: str('actor', 64),
    exchangeRate: dec20('exchange_rate'),
    timeCreated: timeCreated(),
    timeExecuted: utcDatetime('time_executed'),
    exchangeName: str('exchange_name', 64),
    price: dec20('price'),
    priceCurrency: str('price_currency', 64),
    volume: dec20('volume'),
    volumeCurrency: str('volume_currency', 64),
    fundamentalValue: dec20('fundamental_value'),
    fundamentalValueCurrency: str('fundamental_value_currency', 3),
    competitiveness: dec20('competitiveness'),
    competitivenessCurrency: str('competitiveness_currency', 3),
    spread: dec20('spread'),
    spreadCurrency: str('spread_currency', 3),
  },
  (t) => [
    index('idx_exchange_order_id_exchange_name').on(t.exchangeOrderId, t.exchangeName),
    index('idx_status').on(t.status),
    index('time_created').on(t.timeCreated),
    index('exchange_name').on(t.exchangeName),
  ],
);

/**
 * Fills. `price` is the fill's TOTAL notional in price_currency (unit price × volume), unlike
 * order.price; `volume` is the base amount; trade_type BID/ASK gives the side.
 */
export const trade = mysqlTable(
  'trade',
  {
    tradeId: id('trade_id'),
    tradeType: str('trade_type', 64),
    uniqueId: uniqueId(),
    exchangeTradeId: str('exchange_trade_id', 64),
    timeCreated: timeCreated(),
    fee: dec24('fee'),
    feeCurrency: str('fee_currency', 3),
    price: dec24('price'),
    priceCurrency: str('price_currency', 3),
    volume: dec24('volume'),
    volumeCurrency: str('volume_currency', 3),
    metaData: longtext('meta_data'),
    feeBuybackTransactionId: int('fee_buyback_transaction_id').references(
      () => transaction.transactionId,
    ),
    orderId: int('order_id').references(() => order.orderId),
  },
  (t) => [index('time_created').on(t.timeCreated)],
);

export const datum = mysqlTable(
  'datum',
  {
    uniqueId: uniqueId(),
    datumId: id('datum_id'),
    timeCreated: timeCreated(),
    datumType: str('datum_type', 256).notNull(),
    numericValue: dec20('numeric_value'),
    stringValue: str('string_value', 256),
    metaData: longtext('meta_data'),
    orderId: int('order_id').references(() => order.orderId),
  },
  (t) => [index('time_created').on(t.timeCreated)],
);

export type Order = typeof order.$inferSelect;
export type Trade = typeof trade.$inferSelect;
export type Datum = typeof datum.$inferSelect;
