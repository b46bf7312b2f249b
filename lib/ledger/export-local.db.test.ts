import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '@/tests/helpers/db';
import { parseLedgerQuery } from './domain/query';
import { ledgerCsv } from './export';
import { FIXTURE_ACCOUNT, FIXTURE_SQL, FIXTURE_WINDOW } from '@/tests/helpers/ledger-fixture';
import { ledgerTestPools, runSql, testSource } from '@/tests/helpers/ledger-databases';

let dbs: TestDatabases;
let pools: { trading: Pool; dashboards: Pool };

beforeAll(async () => {
  dbs = await createTestDatabases();
  await runSql(dbs.tradingWriteUrl!, FIXTURE_SQL);
  pools = await ledgerTestPools({ tradingUrl: dbs.tradingUrl!, dashboardsUrl: dbs.dashboardsUrl! });
});

afterAll(async () => {
  await pools?.trading.end();
  await pools?.dashboards.end();
  await dbs?.drop();
});

async function rows(zone?: string): Promise<string[][]> {
  const src = await testSource(pools, FIXTURE_ACCOUNT);
  const csv = await ledgerCsv(src, FIXTURE_WINDOW, parseLedgerQuery({ sort: 'oldest' }), zone);
  const chunks: string[] = [];
  for await (const chunk of Readable.from(csv.records).pipe(
    stringify({ header: true, columns: csv.header }),
  ))
    chunks.push(String(chunk));
  return parse(chunks.join('')) as string[][];
}

/**
 * The ledger CSV in a display zone: the UTC columns exactly as before, two columns appended.
 * Hand-worked: on 2 March 2024 New York is EST (-05:00; DST starts on the 10th), Kolkata +05:30.
 */
describe('ledger CSV in a display zone', () => {
  it('appends time_local and time_local_excel and leaves every other column as in UTC', async () => {
    const utc = await rows();
    const ny = await rows('America/New_York');
    expect(utc[0].slice(-2)).toEqual(['balance_BTC', 'balance_USD']);
    expect(ny[0]).toEqual([...utc[0], 'time_local', 'time_local_excel']);
    expect(ny.length).toBe(utc.length);
    ny.forEach((r, i) => expect(r.slice(0, -2)).toEqual(utc[i]));
    // the same rows in UTC: no extra columns (the default export is unchanged)
    expect(await rows('UTC')).toEqual(utc);
  });

  it.each([
    [
      'America/New_York',
      '2024-03-02T10:00:00Z',
      '2024-03-02T05:00:00-05:00',
      '2024-03-02 05:00:00',
    ],
    [
      'America/New_York',
      '2024-03-02T23:59:59Z',
      '2024-03-02T18:59:59-05:00',
      '2024-03-02 18:59:59',
    ],
    ['Asia/Kolkata', '2024-03-02T10:00:00Z', '2024-03-02T15:30:00+05:30', '2024-03-02 15:30:00'],
    ['Asia/Kolkata', '2024-03-02T23:59:59Z', '2024-03-03T05:29:59+05:30', '2024-03-03 05:29:59'],
  ])('%s: a row at %s is %s', async (zone, utcTime, local, excel) => {
    const [header, ...body] = await rows(zone);
    const at = (name: string) => header.indexOf(name);
    const matching = body.filter((r) => r[at('time_utc')] === utcTime);
    expect(matching.length).toBeGreaterThan(0);
    for (const r of matching) {
      expect(r[at('time_local')]).toBe(local);
      expect(r[at('time_local_excel')]).toBe(excel);
      // the local ISO time is the same instant
      expect(Date.parse(r[at('time_local')])).toBe(Date.parse(utcTime));
    }
  });
});
