/**
 * npm run bench:fund [-- --fills 10000000] [--days 365] [--runs 3] [--fresh-rollup] [--skip-http]
 *
 * Fund view benchmark (prints figures; asserts nothing). Generates a Gryphon history once with
 * the seed script into a private MariaDB under .data/bench-fund/ (kept for later runs), then:
 *   1. brings the rollup up to date (from scratch with --fresh-rollup; in process);
 *   2. times a naive aggregate of the year's fills without the rollup (GROUP BY day and keys),
 *      the cost every request would pay without it;
 *   3. serves the production build and times GET /api/fund for 1-day, 30-day and one-year
 *      windows ending at the history's end (median of --runs after a warm-up), with the
 *      server's own breakdown and the response size.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  adminConnection,
  ensureMariadbInstalled,
  startPrivateMariadb,
  stopOnExit,
} from './lib/mariadb-server';
import { ensureNextBuild } from './lib/build-cache';
import { findFreePort } from './lib/process-utils';
import { REPO_ROOT, startNextServer, waitForHttp } from './lib/next-server';
import { flagValue, hasFlag, runCli } from './lib/cli';
import { parseDbCredential } from '../lib/core/env';
import { createPool } from '../lib/db/pool';
import { createTradingPool } from '../lib/db/trading/client';
import { sumFillsLive } from '../lib/fund/queries/fills';
import { refreshRollup, resetRollup } from '../lib/rollup/refresh';
import type { FundReport } from '../lib/fund/domain/report-types';

const END = new Date('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const PASSWORD = 'benchmark-password';

function tsx(script: string, args: string[], env: NodeJS.ProcessEnv, input = ''): number {
  const r = spawnSync(
    path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
    ['--conditions=react-server', script, ...args],
    { cwd: REPO_ROOT, env, stdio: ['pipe', 'inherit', 'inherit'], input },
  );
  return r.status ?? 1;
}

async function login(base: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const jar = (csrfRes.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const body = new URLSearchParams({
    csrfToken,
    username: 'bench',
    password: PASSWORD,
    json: 'true',
  });
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body,
    redirect: 'manual',
  });
  const session = (res.headers.getSetCookie() ?? [])
    .map((c) => c.split(';')[0])
    .find((c) => c.includes('session'));
  if (!session) throw new Error(`login failed: HTTP ${res.status}`);
  return session;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

runCli(async (args) => {
  const fills = Number((flagValue(args, '--fills') ?? '10000000').replace(/[_,]/g, ''));
  const days = Number(flagValue(args, '--days') ?? 365);
  const runs = Number(flagValue(args, '--runs') ?? 3);
  await ensureMariadbInstalled();
  const dir = path.join(REPO_ROOT, '.data', 'bench-fund');
  mkdirSync(dir, { recursive: true });
  const server = await startPrivateMariadb({ dataDir: path.join(dir, 'mariadb') });
  stopOnExit(server);
  const admin = await adminConnection(server);
  const trading = `fund_trading_${fills}`;
  const dashboardsDb = `fund_dashboards_${fills}`;
  const url = (user: string, db: string) =>
    `mysql://${user}:bench@127.0.0.1:${server.port}/${db}?charset=utf8`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    APP_COOKIE_SECRET: 'benchmark-cookie-secret-0123456789abcdef',
    DASHBOARD_DB_CRED: url('bench', dashboardsDb),
    TRADING_DB_CRED: url('bench_ro', trading),
  };
  const out: string[] = [];
  const say = (s: string) => (console.log(s), out.push(s));
  try {
    await admin.query(
      "CREATE USER IF NOT EXISTS 'bench'@'%' IDENTIFIED BY 'bench'; CREATE USER IF NOT EXISTS 'bench_ro'@'%' IDENTIFIED BY 'bench'; " +
        `CREATE DATABASE IF NOT EXISTS \`${trading}\`; CREATE DATABASE IF NOT EXISTS \`${dashboardsDb}\`; ` +
        `GRANT ALL ON \`${trading}\`.* TO 'bench'@'%'; GRANT ALL ON \`${dashboardsDb}\`.* TO 'bench'@'%'; GRANT SELECT ON \`${trading}\`.* TO 'bench_ro'@'%'`,
    );
    const marker = path.join(dir, `${trading}.done`);
    if (!existsSync(marker)) {
      console.log(`== generating ${fills.toLocaleString('en-US')} fills over ${days} days`);
      const t = performance.now();
      const seedArgs = [
        '--db-url',
        url('bench', trading),
        '--trades',
        String(fills),
        '--days',
        String(days),
        '--end',
        END.toISOString(),
        '--reset',
        '--no-progress',
      ];
      if (tsx('scripts/seed.ts', seedArgs, env) !== 0) throw new Error('seed failed');
      writeFileSync(marker, `${new Date().toISOString()} ${secs(performance.now() - t)}`);
    }
    if (tsx('scripts/migrate.ts', ['--execute'], env) !== 0) throw new Error('migrate failed');
    tsx(
      'scripts/create-user.ts',
      ['--execute', '--username', 'bench', '--password-stdin'],
      env,
      `${PASSWORD}\n`,
    );

    const tradingPool = createTradingPool(parseDbCredential('T', url('bench_ro', trading)), 4);
    const dashboards = createPool(
      parseDbCredential('D', url('bench', dashboardsDb)),
      'dashboards',
      { connectionLimit: 4, sessionSetup: [] },
    );
    try {
      const [[{ n }]] = await tradingPool.query<
        Array<{ n: number } & import('mysql2').RowDataPacket>
      >('SELECT COUNT(*) AS n FROM `trade`');
      say(
        `history: ${Number(n).toLocaleString('en-US')} fills, ${days} days to ${END.toISOString()}`,
      );
      if (hasFlag(args, '--fresh-rollup')) await resetRollup(dashboards, END);
      let t = performance.now();
      const progress = await refreshRollup(tradingPool, dashboards, {
        budgetMs: 3_600_000,
        now: new Date(END.getTime() + DAY),
      });
      const [[{ rows }]] = await dashboards.query<
        Array<{ rows: number } & import('mysql2').RowDataPacket>
      >('SELECT COUNT(*) AS `rows` FROM `rollup_fill`');
      say(
        `rollup: caught up to trade id ${progress.mark.toLocaleString('en-US')} in ${secs(performance.now() - t)} (${Number(rows).toLocaleString('en-US')} rows)`,
      );
      t = performance.now();
      const naive = await sumFillsLive(tradingPool, {
        from: new Date(END.getTime() - 365 * DAY),
        before: END,
        byDay: true,
      });
      say(
        `naive one-year aggregate without the rollup: ${secs(performance.now() - t)} (${naive.length.toLocaleString('en-US')} groups)`,
      );
    } finally {
      await tradingPool.end();
      await dashboards.end();
    }
    if (hasFlag(args, '--skip-http')) return 0;

    await ensureNextBuild({ log: (l) => console.log(l) });
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    const next = startNextServer(
      port,
      { ...env, APP_PORT: String(port) },
      path.join(dir, `next-${fills}.log`),
    );
    try {
      await waitForHttp(`${base}/login`, next);
      const cookie = await login(base);
      say(
        '\n| window | fills in window | GET /api/fund (median) | server: rollup status / sql / rates / lots / compute | points | response | discrepancy |',
      );
      say('| --- | --- | --- | --- | --- | --- | --- |');
      for (const windowDays of [1, 30, 365]) {
        const q = `start=${new Date(END.getTime() - windowDays * DAY).toISOString().slice(0, 10)}&end=${END.toISOString().slice(0, 10)}`;
        const endpoint = `${base}/api/fund?${q}`;
        const warm = await fetch(endpoint, { headers: { cookie } });
        if (warm.status !== 200)
          throw new Error(`${endpoint}: HTTP ${warm.status} ${await warm.text()}`);
        const times: number[] = [];
        let body: FundReport | null = null;
        let bytes = 0;
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const text = await (await fetch(endpoint, { headers: { cookie } })).text();
          times.push(performance.now() - t0);
          bytes = Buffer.byteLength(text);
          body = JSON.parse(text) as FundReport;
        }
        const b = body as FundReport;
        const tm = b.timings;
        const inWindow = b.strategies.reduce((s, x) => s + x.fills, 0);
        say(
          `| ${windowDays} d | ${inWindow.toLocaleString('en-US')} | ${Math.round(median(times))} ms | ${tm.rollup} / ${tm.sql} / ${tm.rates} / ${tm.lots} / ${tm.compute} ms | ${b.series.points.length} | ${(bytes / 1024).toFixed(0)} KiB | ${b.figures.discrepancy} |`,
        );
      }
    } finally {
      await next.stop();
    }
  } finally {
    await admin.end();
    await server.stop();
  }
  console.log(`\n${out.join('\n')}`);
});
