import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { parseDbCredential } from '../core/env';
import { createPool } from '../db/pool';
import { createTradingPool } from '../db/trading/client';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import { refreshActorCatalog } from './catalog';
import { findActor, listCatalogActors } from './catalog-read';

/**
 * The read side of the actor catalog: what a request lists and finds is the catalog plus the
 * ids it has not read yet, and reading never writes (the readers' dashboards pool is READ ONLY,
 * so a write would fail the test).
 */
describe('actor catalog, as requests read it', () => {
  let dbs: TestDatabases;
  let trading: Pool;
  let writer: Pool;
  let reader: Pool;
  let w: Connection;

  async function order(id: number, actor: string, time: string, trade?: number): Promise<void> {
    await w.query(
      'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `time_created`) VALUES (?, ?, ?, ?, ?, ?)',
      [id, 'FILLED', 'BID', `o${id}`, actor, time],
    );
    if (trade !== undefined)
      await w.query(
        'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `order_id`) VALUES (?, ?, ?, ?, ?)',
        [trade, 'BID', `t${trade}`, time, id],
      );
  }
  const names = async () =>
    (await listCatalogActors(trading, reader)).actors.map((a) => a.actor).sort();
  const catalogRows = async () => {
    const [rows] = await writer.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM `actor_catalog`');
    return Number(rows[0].n);
  };

  beforeAll(async () => {
    dbs = await createTestDatabases({ trading: true, dashboards: true });
    const conn = await connectUrl(dbs.dashboardsUrl!);
    await applyMigrations(conn, readMigrations());
    await conn.end();
    w = await connectUrl(dbs.tradingWriteUrl!);
    trading = createTradingPool(parseDbCredential('T', dbs.tradingUrl!), 2);
    const cred = parseDbCredential('D', dbs.dashboardsUrl!);
    writer = createPool(cred, 'dashboards', { connectionLimit: 2, sessionSetup: [] });
    reader = createPool(cred, 'dashboards', {
      connectionLimit: 2,
      sessionSetup: ['SET SESSION TRANSACTION READ ONLY'],
    });
    await order(1, 'MM', '2024-03-01 10:00:00', 1);
    await order(2, 'mm', '2024-03-02 10:00:00', 2);
    await order(3, 'Other', '2024-03-01 12:00:00');
  });
  afterAll(async () => {
    await w?.end();
    await Promise.all([trading?.end(), writer?.end(), reader?.end()]);
    await dbs?.drop();
  });

  it('lists every actor before the catalog was ever built, and writes nothing', async () => {
    expect(await names()).toEqual(['MM', 'Other']);
    expect((await listCatalogActors(trading, reader)).progress).toBe(1);
    expect(await findActor(trading, reader, 'other')).toBe('Other');
    expect(await catalogRows()).toBe(0);
  });

  it('adds what the catalog has not read yet to what it has, case-insensitively', async () => {
    await refreshActorCatalog(trading, writer, { budgetMs: 10_000, now: new Date() });
    expect(await catalogRows()).toBe(2);
    await order(10, 'NewBie', '2024-03-05 08:00:00', 10);
    await order(11, 'MM', '2024-03-06 09:00:00', 11);
    const { actors, progress } = await listCatalogActors(trading, reader);
    expect(progress).toBe(1);
    expect(actors.map((a) => a.actor).sort()).toEqual(['MM', 'NewBie', 'Other']);
    expect(actors.find((a) => a.actor === 'MM')).toEqual({
      actor: 'MM',
      firstOrderTime: new Date('2024-03-01T10:00:00Z'),
      lastOrderTime: new Date('2024-03-06T09:00:00Z'),
      lastFillTime: new Date('2024-03-06T09:00:00Z'),
    });
    expect(await findActor(trading, reader, 'NEWBIE')).toBe('NewBie');
    expect(await findActor(trading, reader, 'nobody')).toBeNull();
    expect(await catalogRows()).toBe(2);
  });

  it('reads only the newest ids while a first build is far behind, and says so', async () => {
    await order(20, 'Middle', '2024-03-07 00:00:00');
    await order(200_000, 'Latest', '2024-03-08 00:00:00');
    const { actors, progress } = await listCatalogActors(trading, reader);
    expect(actors.map((a) => a.actor)).toContain('Latest');
    expect(actors.map((a) => a.actor)).not.toContain('Middle');
    expect(progress).toBeGreaterThan(0);
    expect(progress).toBeLessThan(1);
    expect(await findActor(trading, reader, 'middle')).toBeNull();
    await refreshActorCatalog(trading, writer, { budgetMs: 10_000, now: new Date() });
    expect(await names()).toEqual(['Latest', 'MM', 'Middle', 'NewBie', 'Other']);
    expect((await listCatalogActors(trading, reader)).progress).toBe(1);
    expect(await findActor(trading, reader, 'middle')).toBe('Middle');
  });
});
