import { getTableConfig, type MySqlTable } from 'drizzle-orm/mysql-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/trading/schema';
import { SqlClock } from './row-buffers';
import { SEED_COLUMNS, type SeedTable } from './rows';

const TABLES: Record<SeedTable, MySqlTable> = {
  exchange: schema.exchange,
  liability: schema.liability,
  order: schema.order,
  trade: schema.trade,
  transaction: schema.transaction,
  event: schema.event,
};

describe('row shapes', () => {
  it.each(Object.keys(TABLES) as SeedTable[])(
    '%s columns match the app schema mirror, in order',
    (table) => {
      const config = getTableConfig(TABLES[table]);
      expect(config.name).toBe(table);
      expect(SEED_COLUMNS[table]).toEqual(config.columns.map((c) => c.name));
    },
  );

  it('formats UTC datetimes', () => {
    const clock = new SqlClock();
    expect(clock.format(Date.UTC(2025, 0, 2, 3, 4, 5) / 1000)).toBe('2025-01-02 03:04:05');
    expect(clock.format(Date.UTC(2025, 0, 2, 3, 4, 59) / 1000)).toBe('2025-01-02 03:04:59');
    expect(clock.format(Date.UTC(2024, 1, 29, 23, 59, 0) / 1000)).toBe('2024-02-29 23:59:00');
  });
});
