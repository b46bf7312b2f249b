/**
 * Statement upload benchmark: one 10 MB statement (about 100,000 lines), then three at once,
 * each received as a multipart stream, parsed and stored in a private MariaDB's dashboards
 * database (under .data/bench-upload). Prints the time and the peak RSS above the idle process.
 * Run: npm run bench:upload [-- --http] (--http: over HTTP to the production build instead,
 * measuring the server's RSS; see scripts/bench/upload-http.ts)
 * Each measurement runs in a fresh process (warmed up with a small upload), so "above idle" is
 * what the uploads cost; the lib code runs there as in the server, Next's HTTP layer is not
 * included.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'mysql2/promise';
import { createPool } from '../lib/db/pool';
import { applyMigrations, pendingMigrations, readMigrations } from '../lib/db/dashboards/migrate';
import {
  DEFAULT_MAX_STATEMENT_LINES,
  DEFAULT_STATEMENT_QUOTA,
  MAX_STATEMENT_BYTES,
  importStatement,
  mappingFromFields,
} from '../lib/ledger/upload';
import { withReceivedUpload } from '../lib/ledger/upload-receive';
import {
  adminConnection,
  ensureMariadbInstalled,
  startPrivateMariadb,
  stopOnExit,
} from './lib/mariadb-server';
import { CONTENT_TYPE, multipartBody } from './bench/upload-body';
import { benchOverHttp } from './bench/upload-http';
import { mb, memorySampler, secs, timed } from './bench/ledger-measure';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATA_DIR = path.join(ROOT, '.data/bench-upload/mariadb');
const SIZE = 10 * 1024 * 1024;
const log = (s: string) => console.log(s);

/** What the upload route does with the request body, minus the session and account checks. */
async function uploadOnce(dashboards: Pool, account: string, size = SIZE): Promise<number> {
  const r = await withReceivedUpload(
    multipartBody(size),
    CONTENT_TYPE,
    MAX_STATEMENT_BYTES,
    ({ fields, file }) =>
      importStatement(dashboards, {
        account,
        fileName: file!.name,
        uploadedBy: 'bench',
        csv: createReadStream(file!.path),
        mapping: mappingFromFields(fields),
        limits: { maxLines: DEFAULT_MAX_STATEMENT_LINES, quota: DEFAULT_STATEMENT_QUOTA },
        now: new Date(),
      }),
  );
  return r.rows;
}

async function measure(label: string, run: () => Promise<number[]>) {
  global.gc?.();
  const idle = process.memoryUsage().rss;
  const sampler = memorySampler(10);
  const t = await timed(run);
  const { peakRss } = sampler.stop();
  log(
    `${label}: ${t.value.map((n) => n.toLocaleString('en-US')).join(' + ')} rows in ${secs(t.ms)}, ` +
      `peak RSS ${mb(peakRss)} (${mb(peakRss - idle)} above idle)`,
  );
}

type Scenario = 'one' | 'three';

async function child(scenario: Scenario, port: number, password: string) {
  const dashboards = createPool(
    {
      host: '127.0.0.1',
      port,
      user: 'root',
      password,
      database: 'bench_upload',
      charset: 'UTF8MB4_GENERAL_CI',
    },
    'dashboards',
    { connectionLimit: 5, sessionSetup: [] },
  );
  try {
    // A small warm-up so that loading code is not counted.
    await uploadOnce(dashboards, `WARMUP_${scenario}`, 200_000);
    if (scenario === 'one')
      await measure('one 10 MB upload', async () => [await uploadOnce(dashboards, 'BENCH_A')]);
    else
      await measure('three 10 MB uploads at once', () =>
        Promise.all(['BENCH_B', 'BENCH_C', 'BENCH_D'].map((a) => uploadOnce(dashboards, a))),
      );
  } finally {
    await dashboards.end();
  }
}

async function main() {
  mkdirSync(path.dirname(DATA_DIR), { recursive: true });
  await ensureMariadbInstalled();
  const server = await startPrivateMariadb({ dataDir: DATA_DIR });
  stopOnExit(server);
  try {
    const admin = await adminConnection(server);
    await admin.query('DROP DATABASE IF EXISTS bench_upload; CREATE DATABASE bench_upload');
    await admin.query('USE bench_upload');
    await applyMigrations(admin, await pendingMigrations(admin, readMigrations()));
    if (process.argv.includes('--http')) {
      await benchOverHttp(
        admin,
        { port: server.port, password: server.rootPassword, dashboards: 'bench_upload' },
        SIZE,
        log,
      );
      await admin.end();
      return;
    }
    await admin.end();
    for (const scenario of ['one', 'three'] as const) {
      execFileSync(
        process.execPath,
        [
          ...process.execArgv,
          import.meta.filename,
          '--child',
          scenario,
          String(server.port),
          server.rootPassword,
        ],
        { stdio: 'inherit' },
      );
    }
  } finally {
    await server.stop();
  }
}

const argv = process.argv.slice(2);
(argv[0] === '--child' ? child(argv[1] as Scenario, Number(argv[2]), argv[3]) : main()).catch(
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
