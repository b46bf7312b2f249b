import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import {
  adminConnection,
  startPrivateMariadb,
  stopOnExit,
  type RunningMariadb,
} from '../../scripts/lib/mariadb-server';
import { isProcessAlive, sleep } from '../../scripts/lib/process-utils';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mariadb-server-test-'));
const dataDir = path.join(tmp, 'data');
const started: RunningMariadb[] = [];
const removeTmpOnExit = () =>
  started.some((m) => isProcessAlive(m.pid)) || rmSync(tmp, { recursive: true, force: true });

afterAll(async () => {
  for (const m of started) await m.stop();
  process.off('exit', removeTmpOnExit);
  rmSync(tmp, { recursive: true, force: true });
});

async function start(dir = dataDir): Promise<{ m: RunningMariadb; ms: number }> {
  const t0 = Date.now();
  const m = await startPrivateMariadb({ dataDir: dir, quiet: true });
  started.push(m);
  // An interrupted run must leave neither servers nor files: stop first, then delete (listener order).
  stopOnExit(m);
  process.off('exit', removeTmpOnExit);
  process.on('exit', removeTmpOnExit);
  return { m, ms: Date.now() - t0 };
}

/** Runs the fixture in a child process; resolves with the mariadbd pid it printed. */
function runFixture(dir: string, mode: 'exit' | 'signal'): Promise<number> {
  const tsx = path.resolve('node_modules/.bin/tsx');
  const child = spawn(tsx, [path.resolve('tests/setup/fixtures/start-then-exit.ts'), dir, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let pid = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /PID (\d+)/.exec(out);
      if (match && !pid) {
        pid = Number(match[1]);
        if (mode === 'signal') child.kill('SIGTERM');
      }
    });
    child.on('exit', () =>
      pid ? resolve(pid) : reject(new Error(`fixture printed no pid: ${out}`)),
    );
  });
}

describe('startPrivateMariadb', () => {
  it('initialises, serves root over socket and TCP, and restarts with data and password kept', async () => {
    const first = await start();
    console.log(`first start (mariadb-install-db + start + set password): ${first.ms} ms`);
    expect(statSync(`${dataDir}.root-password`).mode & 0o777).toBe(0o600);

    const conn = await adminConnection(first.m);
    await conn.query(
      'CREATE DATABASE keepme; CREATE TABLE keepme.t (v VARCHAR(10)); INSERT INTO keepme.t VALUES ("kept")',
    );
    await conn.end();
    const tcp = await mysql.createConnection({
      host: '127.0.0.1',
      port: first.m.port,
      user: 'root',
      password: first.m.rootPassword,
    });
    await tcp.end();

    await expect(startPrivateMariadb({ dataDir, quiet: true })).rejects.toThrow(
      new RegExp(`Another mariadbd \\(pid ${first.m.pid}\\) is already running`),
    );

    await first.m.stop();
    expect(isProcessAlive(first.m.pid)).toBe(false);
    expect(existsSync(first.m.socket)).toBe(false);
    expect(existsSync(path.join(dataDir, 'mariadbd.pid'))).toBe(false);

    const second = await start();
    console.log(`restart on an existing data dir: ${second.ms} ms`);
    expect(second.m.rootPassword).toBe(first.m.rootPassword);
    const again = await adminConnection(second.m);
    const [rows] = await again.query('SELECT v FROM keepme.t');
    await again.end();
    expect(rows).toEqual([{ v: 'kept' }]);
    await second.m.stop();
    expect(isProcessAlive(second.m.pid)).toBe(false);
  });

  it.each(['exit', 'signal'] as const)(
    'stopOnExit leaves no mariadbd behind on %s',
    async (mode) => {
      const pid = await runFixture(path.join(tmp, `fixture-${mode}`), mode);
      for (let i = 0; i < 50 && isProcessAlive(pid); i++) await sleep(100);
      expect(isProcessAlive(pid)).toBe(false);
    },
  );
});
