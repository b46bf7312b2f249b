import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../../tests/helpers/db';
import { connectUrl } from '../../tests/helpers/sql';
import { BUILTIN_RULES } from '../alerts/domain/defaults';
import { evaluateRules, verdicts } from '../alerts/domain/evaluate';
import { parseDbCredential } from '../core/env';
import { applyMigrations, readMigrations } from '../db/dashboards/migrate';
import { createPool } from '../db/pool';
import type { StatusSnapshot } from '../status/domain/snapshot';
import { liveJobs } from '../status/load';
import { jobRunRecorder, readJobRuns } from './job-runs';
import { registerJob, runDueJobs, setJobRecorder } from './registry';

/**
 * Two app servers on one dashboards database, each recording its job runs in job_run: one
 * through the job runner (registry.ts with its recorder), the other through a recorder of its
 * own. /status reads both servers' rows; the built-in rules judge them (docs/operations.md):
 *   app-a:8080 "rollup" (every minute) succeeds at 12:00:00 after 1.5 s, fails at 12:01:00
 *     ("lock wait timeout") after 0.5 s;
 *   app-b:8080 "rollup" succeeds at 11:30:00 after 2 s, then reports nothing more.
 * At 12:01:30: app-a's job failing (last run failed), not late (last success 88.5 s ago,
 * under 3 periods); app-b's late (last success 31 min 28 s ago), its server silent.
 */
const T = (hhmmss: string) => Date.parse(`2026-03-02T${hhmmss}Z`);
let dbs: TestDatabases;
let dashboards: Pool;

beforeAll(async () => {
  dbs = await createTestDatabases({ trading: false, dashboards: true });
  const conn = await connectUrl(dbs.dashboardsUrl!);
  await applyMigrations(conn, readMigrations());
  await conn.end();
  const cred = parseDbCredential('D', dbs.dashboardsUrl!);
  dashboards = createPool(cred, 'dashboards', { connectionLimit: 2, sessionSetup: [] });
}, 120_000);
afterAll(async () => {
  setJobRecorder(null);
  await dashboards?.end();
  await dbs?.drop();
});

describe('job runs of several servers in job_run', () => {
  it('records each server and job, and /status judges every server’s jobs', async () => {
    // Server A: the real runner with a clock the test moves.
    let clock = T('12:00:00');
    const now = () => new Date(clock);
    let fail = false;
    registerJob({
      name: 'rollup',
      everyMs: 60_000,
      run: async () => {
        clock += fail ? 500 : 1_500;
        if (fail) throw new Error('lock wait timeout');
      },
    });
    setJobRecorder(jobRunRecorder(() => dashboards, 'app-a:8080'));
    await runDueJobs(() => undefined, now);
    // Server B: another runner identity on the same database, then silence.
    const b = jobRunRecorder(() => dashboards, 'app-b:8080');
    await b.started({ name: 'rollup', everyMs: 60_000 }, T('11:30:00'));
    await b.finished(
      { name: 'rollup', everyMs: 60_000 },
      { started: T('11:30:00'), finished: T('11:30:02'), error: null },
    );
    clock = T('12:01:00');
    fail = true;
    const log: string[] = [];
    await runDueJobs((l) => log.push(l), now);
    expect(log).toEqual(['rollup failed (will retry): lock wait timeout']);

    const runs = await readJobRuns(dashboards);
    expect(runs).toEqual([
      {
        server: 'app-a:8080',
        name: 'rollup',
        everyMs: 60_000,
        lastStarted: T('12:01:00'),
        lastFinished: T('12:01:00') + 500,
        lastSucceeded: T('12:00:00') + 1_500,
        lastOk: false,
        lastFailed: T('12:01:00') + 500,
        lastError: 'lock wait timeout',
        lastDurationMs: 500,
        serverSeen: T('12:01:00') + 500,
      },
      {
        server: 'app-b:8080',
        name: 'rollup',
        everyMs: 60_000,
        lastStarted: T('11:30:00'),
        lastFinished: T('11:30:02'),
        lastSucceeded: T('11:30:02'),
        lastOk: true,
        lastFailed: null,
        lastError: null,
        lastDurationMs: 2_000,
        serverSeen: T('11:30:02'),
      },
    ]);

    // What /status reads: every server's rows (lib/status/load.ts liveJobs).
    expect(await liveJobs(dashboards)).toEqual({ jobs: runs, jobsSource: 'database' });
    const snapshot: StatusSnapshot = {
      now: T('12:01:30'),
      accounts: [],
      strategies: [],
      trading: { newestRow: null, newestFill: null, newestOrder: null, newestTransaction: null },
      rollup: null,
      jobs: runs,
      jobsSource: 'database',
      databases: [],
    };
    const lines = verdicts(evaluateRules(snapshot, BUILTIN_RULES));
    const a = lines.get('job:rollup@app-a:8080');
    expect(a?.state).toBe('warning');
    expect(a?.decidedBy?.rule.name).toBe('job-failing');
    expect(a?.findings.map((f) => [f.rule.name, f.breached, f.measured])).toEqual([
      ['job-failing', true, 'last run failed 29 seconds ago: lock wait timeout'],
      ['job-late', false, 'last success 1 minute 28 seconds ago (every 1 minute)'],
    ]);
    const bLine = lines.get('job:rollup@app-b:8080');
    expect(bLine?.state).toBe('warning');
    expect(bLine?.decidedBy?.rule.name).toBe('job-late');
    expect(bLine?.decidedBy?.measured).toBe(
      'last success 31 minutes 28 seconds ago (every 1 minute); app-b:8080 stopped reporting 31 minutes 28 seconds ago',
    );

    // A success on A afterwards: last_ok again, the failure and its message kept.
    clock = T('12:02:00');
    fail = false;
    await runDueJobs(() => undefined, now);
    const [again] = await readJobRuns(dashboards);
    expect(again).toMatchObject({
      lastOk: true,
      lastSucceeded: T('12:02:00') + 1_500,
      lastFailed: T('12:01:00') + 500,
      lastError: 'lock wait timeout',
    });
  });
});
