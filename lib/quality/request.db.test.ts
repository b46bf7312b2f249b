import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import { BUILTIN_STRATEGIES } from '../config/builtins';
import { parseDbCredential } from '../core/env';
import { createTradingPool } from '../db/trading/client';
import { handleQualityRequest } from './request';

/**
 * A quality request whose trading statements run past TRADING_DB_STATEMENT_TIMEOUT ends as
 * `unavailable` (the page's "cannot be shown" panel, a 503 from the API) naming the limit, not
 * as an exception (a 500): here with a limit of a microsecond on a generated history, where
 * the same request with the usual pool answers.
 */
const END = new Date('2025-06-13T00:00:00Z');
const NOW = new Date(END.getTime() + 3_600_000);
const QUERY = { start: '2025-06-11T00:00:00Z', end: '2025-06-13T00:00:00Z' };

let seeded: SeededDatabases;
let slow: Pool;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 3, days: 3, end: END });
  slow = createTradingPool(parseDbCredential('T', seeded.dbs.tradingUrl!), 4, {
    statementMs: 0.001,
    acquireMs: 10_000,
  });
}, 300_000);

afterAll(async () => {
  await slow?.end();
  await seeded?.close();
});

describe('handleQualityRequest', () => {
  it('answers with the usual pool', async () => {
    const r = await handleQualityRequest('simple_mm', QUERY, NOW, {
      configured: BUILTIN_STRATEGIES,
      pools: { trading: seeded.trading, dashboards: seeded.dashboards },
    });
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(r.data.quoting.placed).toBeGreaterThan(0);
  }, 60_000);

  it('is unavailable, naming the time limit, when the trading database stops its statements', async () => {
    const r = await handleQualityRequest('simple_mm', QUERY, NOW, {
      configured: BUILTIN_STRATEGIES,
      pools: { trading: slow, dashboards: seeded.dashboards },
    });
    expect(r).toMatchObject({ kind: 'unavailable', database: 'trading' });
    if (r.kind === 'unavailable')
      expect(r.message).toMatch(/time limit \(TRADING_DB_STATEMENT_TIMEOUT\)/);
  }, 60_000);
});
