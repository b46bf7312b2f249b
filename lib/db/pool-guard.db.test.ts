/**
 * The pool guard on a private MariaDB (never the shared test server, which other tests use):
 * a runaway statement is stopped by the server, a frozen server (SIGSTOP) answers every query
 * with DatabaseUnreachableError within the timeouts, and after SIGCONT the same pool works
 * again with all its connections (none left checked out by the timed-out queries).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateMariadb, stopOnExit, type RunningMariadb } from '@/scripts/lib/mariadb-server';
import { parseDbCredential, type DbCredential } from '../core/db-credential';
import { DatabaseUnreachableError } from '../core/errors';
import { checkDatabase } from './health';
import { createPool, rethrowDbError } from './pool';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gryphon-pool-guard-'));
let server: RunningMariadb;
let cred: DbCredential;
let pool: Pool;

beforeAll(async () => {
  server = await startPrivateMariadb({ dataDir: path.join(tmp, 'data'), quiet: true });
  stopOnExit(server);
  cred = parseDbCredential(
    'DASHBOARD_DB_CRED',
    `mysql://root:${server.rootPassword}@127.0.0.1:${server.port}/mysql`,
  );
  pool = createPool(cred, 'dashboards', {
    connectionLimit: 2,
    sessionSetup: [],
    timeouts: { statementMs: 1_000, acquireMs: 500 },
  });
}, 60_000);

afterAll(async () => {
  if (server?.isRunning()) process.kill(server.pid, 'SIGCONT');
  await pool?.end().catch(() => undefined);
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

const selectOne = () =>
  pool.query('SELECT 1 AS one').then(
    ([rows]) => rows,
    (err: unknown) => rethrowDbError(err, pool),
  );

async function timed<T>(p: Promise<T>): Promise<{ ms: number; result: T | unknown }> {
  const started = Date.now();
  const result = await p.catch((err: unknown) => err);
  return { ms: Date.now() - started, result };
}

/** A process's state letter from /proc (R running, S sleeping, T stopped). */
const stateOf = (pid: number) =>
  /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? '';

describe('pool guard', () => {
  it('lets the server stop a statement that runs past the statement timeout, and says so', async () => {
    const { ms, result } = await timed(
      pool.query('SELECT SLEEP(5)').catch((err: unknown) => rethrowDbError(err, pool)),
    );
    expect(result).toBeInstanceOf(DatabaseUnreachableError);
    expect((result as Error).message).toBe(
      'The dashboards database did not finish a query within its time limit ' +
        '(DASHBOARD_DB_STATEMENT_TIMEOUT): try a shorter window, or raise the limit',
    );
    expect(ms).toBeLessThan(2_500);
    // The server is fine: nothing marked down.
    expect((await checkDatabase('dashboards', cred)).ok).toBe(true);
  });

  it('answers within the timeouts while the server is frozen, and recovers after SIGCONT', async () => {
    await selectOne(); // an open pooled connection, which the freeze leaves hanging
    process.kill(server.pid, 'SIGSTOP');
    // The signal is asynchronous: query only once the kernel shows the server stopped (state T).
    for (let i = 0; i < 200 && stateOf(server.pid) !== 'T'; i++)
      await new Promise((r) => setTimeout(r, 10));
    const frozen = await Promise.all([1, 2, 3, 4].map(() => timed(selectOne())));
    for (const { ms, result } of frozen) {
      expect(result).toBeInstanceOf(DatabaseUnreachableError);
      expect((result as Error).message).toContain(`127.0.0.1:${server.port}`);
      expect((result as Error).message).not.toContain('root@');
      // statement timeout + 2 s client margin, + slack
      expect(ms).toBeLessThan(4_000);
    }
    // Known down now: refused without waiting.
    const known = await timed(selectOne());
    expect(known.result).toBeInstanceOf(DatabaseUnreachableError);
    expect(known.ms).toBeLessThan(100);

    process.kill(server.pid, 'SIGCONT');
    const deadline = Date.now() + 10_000;
    while (!(await checkDatabase('dashboards', cred)).ok) {
      if (Date.now() > deadline) throw new Error('the probe never saw the server again');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Both pool connections usable again (connectionLimit 2, four parallel queries).
    const after = await Promise.all([1, 2, 3, 4].map(() => selectOne()));
    expect(after).toEqual(Array(4).fill([{ one: 1 }]));
  }, 30_000);
});
