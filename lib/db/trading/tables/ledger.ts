/** Exchange accounts, deposits/withdrawals and liabilities: what the fund and ledger pages read. */
import { type AnyMySqlColumn, int, longtext, mysqlTable } from 'drizzle-orm/mysql-core';
import { id, uniqueId, timeCreated, utcDatetime, dec24, str } from './columns';

/** Exchange accounts and ledgers; position/target/balance are JSON of "<CUR> <amount>" strings. */
export const exchange = mysqlTable('exchange', {
  exchangeId: id('exchange_id'),
  uniqueId: uniqueId(),
  name: str('name', 64).notNull(),
  position: longtext('position'),
  target: longtext('target'),
  balance: longtext('balance'),
  multiPositionCache: dec24('multi_position_cache'),
});

/**
 * Deposits and withdrawals (transaction_type DEPOSIT or WITHDRAWL, misspelled as stored).
 * `transaction` is a keyword too: back-quote it in raw SQL.
 */
export const transaction = mysqlTable('transaction', {
  transactionId: id('transaction_id'),
  transactionType: str('transaction_type', 64),
  transactionStatus: str('transaction_status', 64),
  uniqueId: uniqueId(),
  timeCreated: timeCreated(),
  timeCompleted: utcDatetime('time_completed'),
  amount: dec24('amount'),
  amountCurrency: str('amount_currency', 3),
  fee: dec24('fee'),
  feeCurrency: str('fee_currency', 3),
  transactionDetails: longtext('transaction_details'),
  exchangeId: int('exchange_id').references(() => exchange.exchangeId),
  feeBuybackTransactionId: int('fee_buyback_transaction_id').references(
    (): AnyMySqlColumn => transaction.transactionId,
  ),
});

export const liability = mysqlTable('liability', {
  liabilityId: id('liability_id'),
  uniqueId: uniqueId(),
  timeCreated: timeCreated(),
  amount: dec24('amount'),
  amountCurrency: str('amount_currency', 3),
  liabilityType: str('liability_type', 64),
  entityName: str('entity_name', 128).notNull(),
  timeStarted: utcDatetime('time_started'),
  timeRepayed: utcDatetime('time_repayed'),
  details: longtext('details'),
});

export type Exchange = typeof exchange.$inferSelect;
export type Transaction = typeof transaction.$inferSelect;
export type Liability = typeof liability.$inferSelect;
