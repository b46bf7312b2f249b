/**
 * The ledger's CSV export through HTTP against the export pipeline alone (bench:ledger
 * --http-export): on the history scripts/bench-strategy.ts generates (account
 * BITSTAMP_BTC_USD, its private MariaDB under .data/bench/mariadb, its dashboards user
 * `bench`), the same window exported
 *   - in this process: ledgerCsv -> csv-stringify -> a counting sink (what the route streams),
 *   - through the production server: GET /api/ledger/<account>/csv, logged in, the body read
 *     to the end by fetch,
 * alternated, median of `runs` each after a warm-up of each; then rows/s of both and their
 * ratio. Only reads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import {
  applyMigrations,
  pendingMigrations,
  readMigrations,
} from '../../lib/db/dashboards/migrate';
import { createPool } from '../../lib/db/pool';
import { createTradingPool } from '../../lib/db/trading/client';
import { parseLedgerQuery } from '../../lib/ledger/domain/query';
import { ledgerCsv } from '../../lib/ledger/export';
import { findLedgerAccount } from '../../lib/ledger/queries/account';
import { readRollupMark } from '../../lib/rollup/read';
import { ensureNextBuild } from '../lib/build-cache';
import { adminConnection, startPrivateMariadb, stopOnExit } from '../lib/mariadb-server';
import { REPO_ROOT, startNextServer, waitForHttp } from '../lib/next-server';
import { findFreePort } from '../lib/process-utils';
import { countingSink, mb } from './ledger-measure';

const PASSWORD = 'benchmark-password';

async function login(base: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const jar = (csrfRes.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, username: 'bench', password: PASSWORD, json: 'true' }),
    redirect: 'manual',
  });
  const session = (res.headers.getSetCookie() ?? [])
    .map((c) => c.split(';')[0])
    .find((c) => c.includes('session'));
  if (!session) throw new Error(`login failed: HTTP ${res.status}`);
  return session;
}

/** CPU time (ms) used so far by the processes of group `pgid` (Linux /proc; 0 elsewhere). */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return 0;
  }
  return (ticks * 1000) / 100;
}

const processCpuMs = (pid: number) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

export interface HttpExportOptions {
  dataDir: string;
  size: number;
  account: string;
  start: string;
  end: string;
  runs: number;
  log: (s: string) => void;
}

export async function benchHttpExport(o: HttpExportOptions): Promise<void> {
  const trading = `bench_trading_${o.size}`;
  const dashboards = `bench_dashboards_${o.size}`;
  if (!existsSync(path.join(o.dataDir, trading)))
    throw new Error(
      `no ${trading} in ${o.dataDir}: generate it with npm run bench:strategy -- --sizes ${o.size}`,
    );
  const server = await startPrivateMariadb({ dataDir: o.dataDir });
  stopOnExit(server);
  try {
    const admin = await adminConnection(server);
    await admin.query('SET GLOBAL innodb_buffer_pool_size = 2147483648');
    // The history may predate later migrations (the login reads their columns).
    await admin.query(`USE \`${dashboards}\``);
    await applyMigrations(admin, await pendingMigrations(admin, readMigrations()));
    await admin.end();
    await ensureNextBuild({ log: o.log });
    const cred = (database: string) => ({
      host: '127.0.0.1',
      port: server.port,
      user: 'root',
      password: server.rootPassword,
      database,
      charset: 'UTF8MB4_GENERAL_CI',
    });
    const tradingPool = createTradingPool(cred(trading));
    const dashboardsPool = createPool(cred(dashboards), 'dashboards', {
      connectionLimit: 5,
      sessionSetup: [],
    });
    const url = (user: string, db: string) =>
      `mysql://${user}:bench@127.0.0.1:${server.port}/${db}?charset=utf8`;
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    const next = startNextServer(
      port,
      {
        ...process.env,
        NODE_ENV: 'production',
        APP_COOKIE_SECRET: 'benchmark-cookie-secret-0123456789abcdef',
        DASHBOARD_DB_CRED: url('bench', dashboards),
        TRADING_DB_CRED: url('bench_ro', trading),
        APP_PORT: String(port),
      },
      path.join(REPO_ROOT, '.data', 'bench', 'next-ledger-http.log'),
    );
    try {
      await waitForHttp(`${base}/login`, next);
      const cookie = await login(base);
      const account = await findLedgerAccount(tradingPool, o.account);
      if (!account) throw new Error(`no account ${o.account} in ${trading}`);
      const src = {
        trading: tradingPool,
        dashboards: dashboardsPool,
        account,
        rollupMark: await readRollupMark(dashboardsPool),
      };
      const window = { start: new Date(o.start), end: new Date(o.end) };
      // CPU of what serves the export: this process or the Next server's processes, and MariaDB.
      const db = () => processCpuMs(server.pid);
      const inProcess = async () => {
        const c0 = process.cpuUsage();
        const d0 = db();
        const t0 = performance.now();
        const { sink, totals } = countingSink(() => undefined);
        const csv = await ledgerCsv(src, window, parseLedgerQuery({}));
        await pipeline(
          Readable.from(csv.records),
          stringify({ header: true, columns: csv.header }),
          sink,
        );
        const c = process.cpuUsage(c0);
        return {
          ms: performance.now() - t0,
          cpu: (c.user + c.system) / 1000 + db() - d0,
          ...totals(),
        };
      };
      const endpoint = `${base}/api/ledger/${o.account}/csv?start=${o.start}&end=${o.end}`;
      const group = next.child.pid as number;
      // gzip: as a browser asks (Next compresses the response); identity: uncompressed.
      const overHttp = async (acceptEncoding = 'gzip, deflate') => {
        const s0 = groupCpuMs(group) + db();
        const t0 = performance.now();
        const res = await fetch(endpoint, {
          headers: { cookie, 'accept-encoding': acceptEncoding },
        });
        encoding = res.headers.get('content-encoding') ?? 'none';
        if (res.status !== 200 || !res.body) throw new Error(`${endpoint}: HTTP ${res.status}`);
        let bytes = 0;
        let lines = 0;
        let chunks = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          chunks++;
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
        }
        const ms = performance.now() - t0;
        return { ms, cpu: groupCpuMs(group) + db() - s0, lines, bytes, chunks };
      };
      let encoding = '';
      o.log(`CSV export of ${o.account}, ${o.start}..${o.end}: pipeline alone vs through HTTP`);
      const w1 = await inProcess();
      const w2 = await overHttp();
      if (w1.lines !== w2.lines || w1.bytes !== w2.bytes)
        throw new Error(
          `pipeline and HTTP differ: ${w1.lines} lines ${w1.bytes} B vs ${w2.lines} lines ${w2.bytes} B`,
        );
      const rows = w1.lines - 1;
      o.log(
        `  ${rows.toLocaleString('en-US')} rows, ${mb(w1.bytes)}; HTTP body in ${w2.chunks.toLocaleString('en-US')} chunks, content-encoding ${encoding} (warm-up)`,
      );
      const pipe: number[] = [];
      const http: number[] = [];
      const pipeCpu: number[] = [];
      const httpCpu: number[] = [];
      const plain: number[] = [];
      const plainCpu: number[] = [];
      let plainEncoding = '';
      const loads: string[] = [];
      for (let i = 0; i < o.runs; i++) {
        loads.push(os.loadavg()[0].toFixed(1));
        const a = await inProcess();
        const b = await overHttp();
        pipe.push(a.ms);
        pipeCpu.push(a.cpu);
        http.push(b.ms);
        httpCpu.push(b.cpu);
        const c = await overHttp('identity');
        plainEncoding = encoding;
        if (c.lines !== w1.lines || c.bytes !== w1.bytes)
          throw new Error('the uncompressed HTTP export differs from the pipeline');
        plain.push(c.ms);
        plainCpu.push(c.cpu);
      }
      const p = median(pipe);
      const h = median(http);
      o.log(
        `  pipeline ${pipe.map((x) => `${(x / 1000).toFixed(2)} s`).join(', ')}; HTTP ${http.map((x) => `${(x / 1000).toFixed(2)} s`).join(', ')}; not compressed ${plain.map((x) => `${(x / 1000).toFixed(2)} s`).join(', ')}; load average ${loads.join(', ')}`,
      );
      const pc = median(pipeCpu);
      const hc = median(httpCpu);
      const u = median(plain);
      const uc = median(plainCpu);
      o.log(
        `\n| export (${rows.toLocaleString('en-US')} rows, ${mb(w1.bytes)}) | elapsed, median of ${o.runs} | rows/s | CPU (server + MariaDB), median |\n| --- | --- | --- | --- |`,
      );
      o.log(
        `| pipeline alone | ${(p / 1000).toFixed(2)} s | ${rate(rows, p).toLocaleString('en-US')} | ${(pc / 1000).toFixed(2)} s |`,
      );
      o.log(
        `| through HTTP | ${(h / 1000).toFixed(2)} s | ${rate(rows, h).toLocaleString('en-US')} | ${(hc / 1000).toFixed(2)} s |`,
      );
      o.log(
        `| through HTTP, not compressed (${plainEncoding}) | ${(u / 1000).toFixed(2)} s | ${rate(rows, u).toLocaleString('en-US')} | ${(uc / 1000).toFixed(2)} s |`,
      );
      o.log(
        `HTTP not compressed / pipeline: elapsed ${(u / p).toFixed(2)}x, CPU ${(uc / pc).toFixed(2)}x`,
      );
      o.log(
        `HTTP / pipeline: elapsed ${(h / p).toFixed(2)}x, CPU ${(hc / pc).toFixed(2)}x (${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at the end)`,
      );
    } finally {
      await next.stop();
      await tradingPool.end();
      await dashboardsPool.end();
    }
  } finally {
    await server.stop();
  }
}
