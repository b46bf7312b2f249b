import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDatabases, type SeededDatabases } from '../../tests/helpers/seeded';
import { BUILTIN_STRATEGIES } from '../config';
import { toDbDate } from '../db/db-time';
import { refreshRollup } from '../rollup/refresh';
import { refreshActorCatalog } from '../strategy/catalog';
import { evaluateAlerts } from '../alerts/evaluate';
import type { JobLine } from './domain/snapshot';
import { buildStatusView, readRulesAndSnapshot } from './load';
import { readStatusSnapshot } from './snapshot';
import { storeSnapshot } from './stored';

/**
 * The snapshot's cheap reads against the plain computations on a generated history: each
 * account's last fill (rollup minute + exact second + fills above the mark) against one MAX over
 * its fills, each strategy's fills of the last hour and of 7 days against COUNTs. Prints how
 * long a whole snapshot takes (docs/operations.md).
 */
const END = new Date('2025-06-13T00:00:00Z');
const NOW = new Date(END.getTime() - 30 * 60_000);
let seeded: SeededDatabases;

beforeAll(async () => {
  seeded = await seededDatabases({ seed: 5, days: 20, end: END });
  // The rollup as the background leaves it, a little behind now.
  const then = new Date(NOW.getTime() - 20 * 60_000);
  await refreshRollup(seeded.trading, seeded.dashboards, { budgetMs: 120_000, now: then });
  await refreshActorCatalog(seeded.trading, seeded.dashboards, { budgetMs: 120_000, now: then });
}, 300_000);
afterAll(async () => seeded?.close());

describe('status snapshot on a generated history', () => {
  it('agrees with the plain computations', async () => {
    const { trading, dashboards } = seeded;
    const config = { file: null, strategies: BUILTIN_STRATEGIES, alerts: {}, warnings: [] };
    const started = performance.now();
    const s = await readStatusSnapshot(
      { trading, dashboards, config, jobs: [], databases: [] },
      NOW,
    );
    const ms = performance.now() - started;
    const [[counts]] = await trading.query<RowDataPacket[]>(
      'SELECT (SELECT COUNT(*) FROM `trade`) AS fills, (SELECT COUNT(DISTINCT `name`) FROM `exchange`) AS accounts',
    );
    console.log(
      `status snapshot: ${s.accounts.length} accounts, ${s.strategies.length} strategies, ` +
        `${Number(counts.fills)} fills: ${ms.toFixed(0)} ms`,
    );
    expect(s.accounts.length).toBe(Number(counts.accounts));
    expect(s.strategies.length).toBeGreaterThan(0);
    for (const a of s.accounts) {
      expect(a.error).toBeUndefined();
      const [[plain]] = await trading.query<RowDataPacket[]>(
        'SELECT MAX(t.`time_created`) AS t FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` WHERE UPPER(o.`exchange_name`) = UPPER(?)',
        [a.name],
      );
      const expected = plain.t ? Date.parse(`${String(plain.t).replace(' ', 'T')}Z`) : null;
      if (a.name.toUpperCase() !== 'GEMINI')
        expect([a.name, a.lastFill]).toEqual([a.name, expected]);
    }
    for (const x of s.strategies) {
      expect(x.error).toBeUndefined();
      const count = async (fromMs: number) => {
        const [[r]] = await trading.query<RowDataPacket[]>(
          'SELECT COUNT(*) AS n FROM `trade` t JOIN `order` o ON o.`order_id` = t.`order_id` ' +
            'WHERE UPPER(o.`actor`) = UPPER(?) AND t.`time_created` >= ? AND t.`time_created` < ?',
          [x.actor, toDbDate(new Date(fromMs)), toDbDate(NOW)],
        );
        return Number(r.n);
      };
      expect([x.key, x.fillsLastHour]).toEqual([x.key, await count(NOW.getTime() - 3_600_000)]);
      expect([x.key, Math.round(x.usualPerHour * 168)]).toEqual([
        x.key,
        await count(NOW.getTime() - 7 * 86_400_000),
      ]);
    }
  }, 120_000);

  it('serves the snapshot the alert evaluation stored: the same lines, at a fixed cost', async () => {
    const { trading, dashboards } = seeded;
    const pools = { trading, dashboards };
    const config = { file: null, strategies: BUILTIN_STRATEGIES, alerts: {}, warnings: [] };
    const admin = { role: 'ADMIN' as const, scope: {} };
    const jobs: JobLine[] = [
      {
        server: 'app1:8080',
        name: 'rollup',
        everyMs: 60_000,
        lastStarted: NOW.getTime() - 70_000,
        lastFinished: NOW.getTime() - 65_000,
        lastSucceeded: NOW.getTime() - 65_000,
        lastOk: true,
        lastFailed: null,
        lastError: null,
        lastDurationMs: 5_000,
        serverSeen: NOW.getTime() - 65_000,
      },
    ];
    const live = { jobs, databases: [] };
    const median = async (n: number, f: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await f();
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[Math.floor(n / 2)];
    };
    // The plain computation: a snapshot built for the request, nothing stored yet.
    const plain = await buildStatusView(pools, config, admin, NOW, live);
    const freshMs = await median(3, () => buildStatusView(pools, config, admin, NOW, live));
    expect(plain.source.kind).toBe('fresh');
    // The evaluation (the background job) builds and stores its snapshot at NOW.
    const evaluated = await evaluateAlerts(
      dashboards,
      () => readRulesAndSnapshot(pools, config, NOW, live),
      NOW,
      { serverId: 'app1:8080' },
    );
    expect(evaluated.ran).toBe(true);
    // A request at the same instant is served the stored one: the same lines and figures.
    const fast = await buildStatusView(pools, config, admin, NOW, live);
    const storedMs = await median(5, () => buildStatusView(pools, config, admin, NOW, live));
    expect(fast.source).toMatchObject({ kind: 'stored', measuredAt: NOW.getTime() });
    expect(fast.lines).toEqual(plain.lines);
    expect(fast.snapshot).toEqual(plain.snapshot);
    expect(fast.summary).toEqual(plain.summary);
    // 30 s later, still the stored one: every line but the jobs' as measured at NOW.
    const later = new Date(NOW.getTime() + 30_000);
    const served = await buildStatusView(pools, config, admin, later, live);
    expect(served.source.kind).toBe('stored');
    const withoutJobs = (l: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(l).filter(([k]) => !k.startsWith('job:')));
    expect(withoutJobs(served.lines)).toEqual(withoutJobs(plain.lines));
    expect(served.snapshot.liveAt).toBe(later.getTime());
    // The job line is judged at the request's instant: its last success 95 s ago, not 65 s.
    expect(served.lines['job:rollup@app1:8080'].checks.map((c) => c.measured)).toContain(
      'last success 1 minute 35 seconds ago (every 1 minute)',
    );
    // A scoped viewer gets the stored snapshot cut to their scope, as a fresh one would be.
    const viewer = {
      role: 'VIEWER' as const,
      scope: { accounts: [plain.snapshot.accounts[0].name], strategies: [] },
    };
    const scopedFast = await buildStatusView(pools, config, viewer, NOW, live);
    const scopedPlain = await buildStatusView(pools, config, viewer, NOW, live, {
      useStored: false,
    });
    expect(scopedFast.source.kind).toBe('stored');
    expect(scopedFast.lines).toEqual(scopedPlain.lines);
    expect(scopedFast.snapshot.accounts.map((a) => a.name)).toEqual([
      plain.snapshot.accounts[0].name,
    ]);
    // Too old to serve (the evaluation stopped): built fresh again.
    const stale = await buildStatusView(
      pools,
      config,
      admin,
      new Date(NOW.getTime() + 4 * 60_000),
      live,
    );
    expect(stale.source.kind).toBe('fresh');
    // Stored while the trading database was down (no figures), served once it answers again:
    // no, the request builds its own.
    await storeSnapshot(dashboards, {
      snapshot: {
        ...plain.snapshot,
        accounts: [],
        strategies: [],
        databases: [{ database: 'trading', ok: false, address: 'test', reason: 'down' }],
      },
      server: 'app1:8080',
      buildMs: 5,
    });
    const up = [{ database: 'trading' as const, ok: true, address: 'test' }];
    const recovered = await buildStatusView(pools, config, admin, NOW, { jobs, databases: up });
    expect(recovered.source.kind).toBe('fresh');
    expect(recovered.snapshot.accounts).toHaveLength(plain.snapshot.accounts.length);
    console.log(
      `status request (median): fresh snapshot ${freshMs.toFixed(0)} ms, stored snapshot ${storedMs.toFixed(0)} ms ` +
        `(the evaluation's build: ${fast.source.buildMs} ms)`,
    );
  }, 120_000);
});
