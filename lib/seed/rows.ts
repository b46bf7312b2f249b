/**
 * Row shapes of the Gryphon tables the generator fills, column lists in DDL order
 * (lib/db/trading/gryphon-trading-schema.sql). Values are strings exactly as stored (decimal
 * strings, 'YYYY-MM-DD HH:MM:SS' UTC datetimes, JSON text) or null for SQL NULL.
 */

export type Row = (string | null)[];

export const SEED_COLUMNS = {
  exchange: [
    'exchange_id',
    'unique_id',
    'name',
    'position',
    'target',
    'balance',
    'multi_position_cache',
  ],
  liability: [
    'liability_id',
    'unique_id',
    'time_created',
    'amount',
    'amount_currency',
    'liability_type',
    'entity_name',
    'time_started',
    'time_repayed',
    'details',
  ],
  order: [
    'order_id',
    'status',
    'order_type',
    'unique_id',
    'exchange_order_id',
    'actor',
    'exchange_rate',
    'time_created',
    'time_executed',
    'exchange_name',
    'price',
    'price_currency',
    'volume',
    'volume_currency',
    'fundamental_value',
    'fundamental_value_currency',
    'competitiveness',
    'competitiveness_currency',
    'spread',
    'spread_currency',
  ],
  trade: [
    'trade_id',
    'trade_type',
    'unique_id',
    'exchange_trade_id',
    'time_created',
    'fee',
    'fee_currency',
    'price',
    'price_currency',
    'volume',
    'volume_currency',
    'meta_data',
    'fee_buyback_transaction_id',
    'order_id',
  ],
  transaction: [
    'transaction_id',
    'transaction_type',
    'transaction_status',
    'unique_id',
    'time_created',
    'time_completed',
    'amount',
    'amount_currency',
    'fee',
    'fee_currency',
    'transaction_details',
    'exchange_id',
    'fee_buyback_transaction_id',
  ],
  event: ['unique_id', 'event_id', 'time_created', 'exchange_name', 'event_type', 'data'],
} as const;

export type SeedTable = keyof typeof SEED_COLUMNS;

/**
 * Columns that hold free text or JSON; every other value the generator writes is a number, a
 * datetime, a hex id or a fixed word, and never needs escaping.
 */
export const TEXT_COLUMNS: Record<SeedTable, readonly string[]> = {
  exchange: ['name', 'position', 'target', 'balance'],
  liability: ['entity_name', 'details'],
  order: [],
  trade: ['meta_data'],
  transaction: ['transaction_details'],
  event: ['exchange_name', 'data'],
};

/** Tables in the order their rows reference each other (the DDL's foreign-key order). */
export const SEED_TABLES: readonly SeedTable[] = [
  'event',
  'exchange',
  'liability',
  'order',
  'transaction',
  'trade',
];

export interface RowBatch {
  table: SeedTable;
  rows: Row[];
}
