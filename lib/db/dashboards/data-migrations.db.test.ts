import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../../../tests/helpers/db';
import { connectUrl } from '../../../tests/helpers/sql';
import { fixedToNumber, parseFixed } from '../../core/money/fixed';
import { parseSpreads } from '../../quality/rollup-quoting';
import { applyMigrations, readMigrations } from './migrate';

/**
 * The migrations that move stored data rather than only change the schema, run on a database
 * holding rows of the shape they move (0028, the rollup's 5-minute level, is tested with the
 * rollup it builds in lib/rollup/rollup.db.test.ts).
 */
let dbs: TestDatabases;
let conn: Connection;

const upTo = (tag: string) => {
  const all = readMigrations();
  return all.slice(
    0,
    all.findIndex((m) => m.tag === tag),
  );
};

beforeAll(async () => {
  dbs = await createTestDatabases({ dashboards: true });
  conn = await connectUrl(dbs.dashboardsUrl!);
}, 120_000);

afterAll(async () => {
  await conn?.end();
  await dbs?.drop();
});

describe('0027: quoting time moves from one row per spread (rollup_uptime) to one per bucket (rollup_spread)', () => {
  it('keeps every spread and its time exactly, and drops the old table', async () => {
    await applyMigrations(conn, upTo('0027_rollup_spread'));
    // Spreads as DECIMAL(65,30) stores them (trailing zeros), two exchanges, two levels, a
    // whole number, a tiny one, and a bucket with many spreads.
    const rows: Array<[string, number, string, string, string, number]> = [
      [
        'SIMPLEMARKETMAKING',
        1,
        '2025-06-01 10:00:00',
        'BITSTAMP_BTC_USD',
        '0.500000000000000000000000000000',
        30_000,
      ],
      [
        'SIMPLEMARKETMAKING',
        1,
        '2025-06-01 10:00:00',
        'BITSTAMP_BTC_USD',
        '12.250000000000000000000000000000',
        15_000,
      ],
      ['SIMPLEMARKETMAKING', 1, '2025-06-01 10:00:00', 'BITSTAMP_BTC_USD', '3', 15_000],
      [
        'SIMPLEMARKETMAKING',
        1,
        '2025-06-01 10:00:00',
        'KRAKEN_BTC_EUR',
        '0.000000000000000000000000000001',
        60_000,
      ],
      ['SIMPLEMARKETMAKING', 2, '2025-06-01 10:00:00', 'BITSTAMP_BTC_USD', '0.5', 1_800_000],
      ['SIMPLEARB', 3, '2025-06-01 00:00:00', 'BITSTAMP_BTC_USD', '100', 86_400_000],
      ...Array.from(
        { length: 40 },
        (_, i) =>
          ['SIMPLEARB', 1, '2025-06-01 11:00:00', 'BITSTAMP_BTC_USD', `${i + 1}.01`, 1_000 + i] as [
            string,
            number,
            string,
            string,
            string,
            number,
          ],
      ),
    ];
    await conn.query(
      'INSERT INTO `rollup_uptime` (`actor`, `level`, `bucket`, `exchange`, `spread`, `ms`) VALUES ?',
      [rows],
    );
    await applyMigrations(conn, [readMigrations().find((m) => m.tag === '0027_rollup_spread')!]);

    const [tables] = await conn.query<RowDataPacket[]>("SHOW TABLES LIKE 'rollup_uptime'");
    expect(tables).toHaveLength(0);
    const [stored] = await conn.query<RowDataPacket[]>(
      'SELECT `actor`, `level`, `bucket`, `exchange`, `spreads` FROM `rollup_spread` ORDER BY 1, 2, 3, 4',
    );
    expect(stored).toHaveLength(5);
    // Each bucket's text, read back as the quality view reads it (spreads drawn to 15 decimals,
    // fixedToNumber), is the old rows' spreads and times; the text itself is exact (below).
    const drawn = (s: string) => fixedToNumber(parseFixed(s));
    const cache = new Map<string, number>();
    for (const r of stored) {
      const expected = new Map<number, number>();
      for (const [a, l, b, x, s, ms] of rows)
        if (a === r.actor && l === Number(r.level) && b === String(r.bucket) && x === r.exchange)
          expected.set(drawn(s), (expected.get(drawn(s)) ?? 0) + ms);
      expect(expected.size).toBeGreaterThan(0);
      expect(parseSpreads(String(r.spreads), cache)).toEqual(expected);
    }
    // Exact decimals, trailing zeros trimmed, in spread order.
    const first = stored.find(
      (r) =>
        r.actor === 'SIMPLEMARKETMAKING' &&
        Number(r.level) === 1 &&
        r.exchange === 'BITSTAMP_BTC_USD',
    )!;
    expect(first.spreads).toBe('0.5:30000;3:15000;12.25:15000');
    const tiny = stored.find((r) => r.exchange === 'KRAKEN_BTC_EUR')!;
    expect(tiny.spreads).toBe('0.000000000000000000000000000001:60000');
    const many = stored.find((r) => String(r.bucket) === '2025-06-01 11:00:00')!;
    expect(String(many.spreads).split(';')).toHaveLength(40);
  });
});
