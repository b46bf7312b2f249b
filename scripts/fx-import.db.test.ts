import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../tests/helpers/db';
import { runScript } from '../tests/helpers/cli';
import { connectUrl, cookieSecret } from '../tests/helpers/sql';
import { applyMigrations, readMigrations } from '../lib/db/dashboards/migrate';

describe('npm run fx:import', () => {
  let dbs: TestDatabases;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-'));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const env = () => ({
    APP_COOKIE_SECRET: cookieSecret(),
    DASHBOARD_DB_CRED: dbs.dashboardsUrl!,
    TRADING_DB_CRED: dbs.dashboardsUrl!,
  });
  const stored = async () => {
    const conn = await connectUrl(dbs.dashboardsUrl!);
    const [rows] = await conn.query<RowDataPacket[]>(
      "SELECT `source`, `currency`, DATE_FORMAT(`day`, '%Y-%m-%d') AS day, `usd_rate` FROM `fx_rate` ORDER BY `currency`, `day`",
    );
    await conn.end();
    return rows.map((r) => [r.source, r.currency, r.day, r.usd_rate]);
  };

  beforeAll(async () => {
    dbs = await createTestDatabases({ dashboards: true });
    const conn = await connectUrl(dbs.dashboardsUrl!);
    await applyMigrations(conn, readMigrations());
    await conn.end();
  });
  afterAll(async () => dbs?.drop());

  it('checks the file and changes nothing without --execute', async () => {
    const csv = file(
      'rates.csv',
      'date,currency,usd_rate\n2024-03-01,EUR,1.0842\n2024-03-01,usd,1\n2024-03-02,eur,1.09\n',
    );
    const r = await runScript('fx-import', [csv], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '2 rate(s) (USD per unit) for EUR, 2024-03-01 to 2024-03-02 (1 USD row(s) skipped',
    );
    expect(r.stdout).toContain('Dry run: nothing was changed');
    expect(await stored()).toEqual([]);
  });

  it('writes with --execute, inverting OXR-style units per USD, and replaces on a second import', async () => {
    const csv = file(
      'oxr.csv',
      'currency,date,units_per_usd\nEUR,2024-03-01,0.8\nCAD,2024-03-01,1.35\n',
    );
    const r = await runScript('fx-import', [csv, '--execute'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Imported 2 rate(s)');
    expect(await stored()).toEqual([
      ['import', 'CAD', '2024-03-01', '0.740740740741'],
      ['import', 'EUR', '2024-03-01', '1.250000000000'],
    ]);
    await runScript(
      'fx-import',
      [file('again.csv', 'date,currency,usd_rate\n2024-03-01,EUR,1.0842\n'), '--execute'],
      { env: env() },
    );
    expect((await stored())[1]).toEqual(['import', 'EUR', '2024-03-01', '1.084200000000']);
  });

  it('rejects the whole file, naming each bad line', async () => {
    const csv = file(
      'bad.csv',
      'date,currency,usd_rate\n2024-03-01,EUR,1.1\n03/02/2024,EUR,1.1\n2024-03-03,EUR,-2\n2024-03-01,EUR,1.2\n',
    );
    const r = await runScript('fx-import', [csv, '--execute'], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Line 3: date "03/02/2024" is not a day like 2024-03-01');
    expect(r.stderr).toContain('Line 4: rate "-2" is not a positive decimal number');
    expect(r.stderr).toContain('Line 5: EUR on 2024-03-01 appears twice');
    expect(r.stderr).toContain('nothing was imported');
    const header = await runScript('fx-import', [file('h.csv', 'day,currency,rate\n')], {
      env: env(),
    });
    expect(header.code).toBe(1);
    expect(header.stderr).toContain('exactly one of usd_rate or units_per_usd');
  });
});
