/**
 * npm run bench:strategy [-- --sizes 10000,10000@1,40000@1,10000000] [--runs 3] [--days 1,30,365] [--fresh-rollup] [--screenshots]
 *
 * Strategy dashboard benchmark (prints figures; asserts nothing). For each history (N fills,
 * or N@D: N fills over D days, a dense history; plain N spreads them as DAYS says) it
 * generates a Gryphon trading history once into a private MariaDB under .data/bench/ (kept for
 * later runs), serves the production build against it, and for 1-day, 30-day and 365-day
 * windows ending at the history's end prints: the JSON endpoint's time (median of --runs, after
 * one warm-up), the CPU the request cost the server and MariaDB together (median; what a busy
 * machine inflates least), the time of the bare SQL that reads the same window's rows, the
 * response size and the number of fills in the window; then the ratios the rollup must keep
 * (365-day / 1-day, 30-day / its bare SQL, each window on the largest history / on each
 * smaller one, by time and by CPU). The rollup is brought up to date first (npm run rollup;
 * timed), as the server does at start. The load average is printed with every row.
 * --screenshots: after each history's timings, each window's page in headless Chromium, saved
 * as .tmp/screenshots/bench-<history>-<days>d.png.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import {
  adminConnection,
  ensureMariadbInstalled,
  startPrivateMariadb,
  stopOnExit,
} from './lib/mariadb-server';
import { ensureNextBuild } from './lib/build-cache';
import { findFreePort } from './lib/process-utils';
import { REPO_ROOT, startNextServer, waitForHttp } from './lib/next-server';
import { flagValue, runCli } from './lib/cli';
import { toDbDate } from '../lib/db/db-time';
import { QUALITY_STATE, readQualityTime, resetQualityRollup } from '../lib/quality/rollup';
import { launchBrowser, logIn, screenshot } from '../tests/helpers/browser';

const END = new Date('2026-01-01T00:00:00Z');
const ACTOR = 'SIMPLEMARKETMAKING';
const DAYS: Record<number, number> = { 10_000: 30, 1_000_000: 180, 10_000_000: 365 };
const PASSWORD = 'benchmark-password';

/**
 * The markout rollup (quality view) from the history's last day only. This bench does not read
 * it, but `npm run rollup` builds it and the server's background refresher would go on building
 * it during the timings (about 1,700 fills a second: hours for 10 million), so it starts a day
 * before the end, as bench-quality.ts starts it 40 days before. A build left from further back
 * (an interrupted one) is emptied first.
 */
async function startMarkoutsNearEnd(dashboardsUrl: string): Promise<void> {
  const pool = mysql.createPool({ uri: dashboardsUrl, connectionLimit: 2 });
  try {
    const from = END.getTime() - 24 * 3_600_000;
    const time = await readQualityTime(pool);
    if (time !== 0 && time >= from) return;
    if (time !== 0) await resetQualityRollup(pool, new Date());
    await pool.query(
      "INSERT INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', ?, ?)",
      [QUALITY_STATE, String(from), toDbDate(new Date())],
    );
    console.log(`markout rollup starts at ${new Date(from).toISOString()} (not timed here)`);
  } finally {
    await pool.end();
  }
}

/** Waits (up to 2 minutes) until a CPU counter grows by under 2% of a core over 2 s. */
async function waitForIdle(cpuMs: () => number): Promise<string> {
  const started = performance.now();
  let rate = 1;
  while (performance.now() - started < 120_000) {
    const c0 = cpuMs();
    await new Promise((r) => setTimeout(r, 2_000));
    rate = (cpuMs() - c0) / 2_000;
    if (rate < 0.02) break;
  }
  return `server and MariaDB idle (${(rate * 100).toFixed(1)}% of a core) after ${((performance.now() - started) / 1000).toFixed(0)} s`;
}

function tsx(script: string, args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(
    path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
    ['--conditions=react-server', script, ...args],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['pipe', 'inherit', 'inherit'],
      input: `${PASSWORD}\n`,
    },
  );
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (exit ${r.status})`);
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

/** utime + stime (ms) of a /proc/<pid>/stat line's fields after the command name. */
const cpuOf = (fields: string[]) => ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;

/** CPU time (ms) used so far by a process (Linux /proc; 0 elsewhere). */
function processCpuMs(pid: number): number {
  try {
    return cpuOf(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '));
  } catch {
    return 0;
  }
}

/** CPU time (ms) used so far by every live process of a process group (the Next.js server). */
function groupCpuMs(pgid: number): number {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[2]) === pgid) total += cpuOf(fields);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** `10000` (days from DAYS) or `10000@1` (10,000 fills over 1 day: a dense history). */
function parseHistory(spec: string): { fills: number; days: number; name: string; label: string } {
  const [n, d] = spec.split('@');
  const fills = Number(n.replace(/_/g, ''));
  const days = d === undefined ? (DAYS[fills] ?? 90) : Number(d);
  if (!Number.isInteger(fills) || fills <= 0 || !(days > 0))
    throw new Error(`--sizes: "${spec}" is not N or N@DAYS`);
  return {
    fills,
    days,
    name: d === undefined ? String(fills) : `${fills}_d${String(days).replace('.', '_')}`,
    label: `${fills.toLocaleString('en-US')} (${days} day${days === 1 ? '' : 's'})`,
  };
}

runCli(async (args) => {
  const histories = (flagValue(args, '--sizes') ?? '10000,10000@1,40000@1,10000000')
    .split(',')
    .map(parseHistory);
  const runs = Number(flagValue(args, '--runs') ?? 3);
  const windows = (flagValue(args, '--days') ?? '1,30,365').split(',').map(Number);
  await ensureMariadbInstalled();
  const dir = path.join(REPO_ROOT, '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  const server = await startPrivateMariadb({ dataDir: path.join(dir, 'mariadb') });
  stopOnExit(server);
  const admin = await adminConnection(server);
  const rows: string[] = [];
  const times = new Map<string, { http: number; cpu: number; bare: number }>();
  const loadNow = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`load average at start: ${loadNow()}`);
  try {
    await admin.query(
      "CREATE USER IF NOT EXISTS 'bench'@'%' IDENTIFIED BY 'bench'; CREATE USER IF NOT EXISTS 'bench_ro'@'%' IDENTIFIED BY 'bench'",
    );
    await ensureNextBuild({ log: (l) => console.log(l) });
    for (const h of histories) {
      const size = h.fills;
      const trading = `bench_trading_${h.name}`;
      const dashboards = `bench_dashboards_${h.name}`;
      const url = (user: string, db: string) =>
        `mysql://${user}:bench@127.0.0.1:${server.port}/${db}?charset=utf8`;
      const marker = path.join(dir, `${trading}.done`);
      await admin.query(
        `CREATE DATABASE IF NOT EXISTS \`${trading}\`; CREATE DATABASE IF NOT EXISTS \`${dashboards}\`; ` +
          `GRANT ALL ON \`${trading}\`.* TO 'bench'@'%'; GRANT ALL ON \`${dashboards}\`.* TO 'bench'@'%'; ` +
          `GRANT SELECT ON \`${trading}\`.* TO 'bench_ro'@'%'`,
      );
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: 'production',
        APP_COOKIE_SECRET: 'benchmark-cookie-secret-0123456789abcdef',
        DASHBOARD_DB_CRED: url('bench', dashboards),
        TRADING_DB_CRED: url('bench_ro', trading),
      };
      if (!existsSync(marker)) {
        console.log(`\n== generating ${size.toLocaleString('en-US')} fills over ${h.days} days`);
        tsx(
          'scripts/seed.ts',
          [
            '--db-url',
            url('bench', trading),
            '--trades',
            String(size),
            '--days',
            String(h.days),
            '--end',
            END.toISOString(),
            '--reset',
            '--no-progress',
          ],
          env,
        );
        await admin.query(
          `DROP DATABASE IF EXISTS \`${dashboards}\`; CREATE DATABASE \`${dashboards}\``,
        );
        tsx('scripts/migrate.ts', ['--execute'], env);
        tsx(
          'scripts/create-user.ts',
          ['--execute', '--username', 'bench', '--password-stdin'],
          env,
        );
        writeFileSync(marker, new Date().toISOString());
      }
      // Migrations added since the history was generated (kept from earlier runs).
      tsx('scripts/migrate.ts', ['--execute'], env);
      await startMarkoutsNearEnd(url('bench', dashboards));
      const rollupStarted = performance.now();
      tsx('scripts/rollup.ts', args.includes('--fresh-rollup') ? ['--rebuild'] : [], env);
      const rollupLine = `rollup of ${size.toLocaleString('en-US')} fills brought up to date in ${((performance.now() - rollupStarted) / 1000).toFixed(1)} s`;
      console.log(rollupLine);
      rows.push(`<!-- ${rollupLine} -->`);
      const port = await findFreePort();
      const base = `http://127.0.0.1:${port}`;
      const next = startNextServer(
        port,
        { ...env, APP_PORT: String(port) },
        path.join(dir, `next-${h.name}.log`),
      );
      try {
        await waitForHttp(`${base}/login`, next);
        const cookie = await login(base);
        // The server's background jobs run at start (the rollup's check of its last two days,
        // the actor catalog, alerts) and MariaDB flushes what the rollup just wrote: their CPU
        // would be counted as the requests'. Wait until both are idle.
        const idle = await waitForIdle(
          () => groupCpuMs(next.child.pid as number) + processCpuMs(server.pid),
        );
        console.log(idle);
        const sql = await mysql.createConnection({
          host: '127.0.0.1',
          port: server.port,
          user: 'bench_ro',
          password: 'bench',
          database: trading,
          dateStrings: true,
        });
        for (const days of windows) {
          const start = new Date(END.getTime() - days * 86_400_000);
          const q = `start=${start.toISOString().slice(0, 10)}&end=${END.toISOString().slice(0, 10)}`;
          const endpoint = `${base}/api/strategy/simple_mm?${q}`;
          const warm = await fetch(endpoint, { headers: { cookie } });
          if (warm.status !== 200)
            throw new Error(`${endpoint}: HTTP ${warm.status} ${await warm.text()}`);
          const first = (await warm.json()) as { figures: { fillCount: number } };
          const http: number[] = [];
          const cpu: number[] = [];
          let bytes = 0;
          const pgid = next.child.pid as number;
          for (let i = 0; i < runs; i++) {
            const c0 = groupCpuMs(pgid) + processCpuMs(server.pid);
            const t0 = performance.now();
            const r = await fetch(endpoint, { headers: { cookie } });
            bytes = (await r.arrayBuffer()).byteLength;
            http.push(performance.now() - t0);
            cpu.push(groupCpuMs(pgid) + processCpuMs(server.pid) - c0);
          }
          const bare: number[] = [];
          // The bare SQL of a year of 10 million fills reads 7.9 million rows: minutes, not timed.
          for (let i = 0; i < (first.figures.fillCount > 2_000_000 ? 0 : runs); i++) {
            const t0 = performance.now();
            await sql.query({
              sql:
                'SELECT t.trade_id, t.order_id, t.time_created, t.trade_type, t.volume, t.volume_currency, t.price, t.price_currency, ' +
                't.fee, t.fee_currency, o.exchange_rate, o.fundamental_value, o.exchange_name FROM trade t JOIN `order` o ON o.order_id = t.order_id ' +
                'WHERE t.time_created >= ? AND t.time_created < ? AND UPPER(o.actor) = ? ORDER BY t.time_created, t.trade_id',
              values: [toDbDate(start), toDbDate(END), ACTOR],
              rowsAsArray: true,
            });
            bare.push(performance.now() - t0);
          }
          const t = median(http);
          const c = median(cpu);
          const b = bare.length ? median(bare) : NaN;
          times.set(`${h.name}/${days}`, { http: t, cpu: c, bare: b });
          const bareCell = bare.length
            ? `${Math.round(b)} ms | ${(t / b).toFixed(2)}`
            : 'not timed | —';
          const row = `| ${h.label} | ${days} d | ${first.figures.fillCount.toLocaleString('en-US')} | ${Math.round(t)} ms | ${Math.round(c)} ms (${Math.round(Math.min(...cpu))}-${Math.round(Math.max(...cpu))}) | ${bareCell} | ${(bytes / 1024).toFixed(0)} KiB | ${loadNow()} |`;
          console.log(row);
          rows.push(row);
        }
        await sql.end();
        if (args.includes('--screenshots')) {
          // Each window's page as a user sees it (after the timings: Chromium's CPU is not counted).
          const browser = await launchBrowser();
          try {
            const page = await (
              await browser.newContext({ viewport: { width: 1400, height: 1000 } })
            ).newPage();
            await logIn(page, base, 'bench', PASSWORD);
            for (const days of windows) {
              const start = new Date(END.getTime() - days * 86_400_000);
              const q = `start=${start.toISOString().slice(0, 10)}&end=${END.toISOString().slice(0, 10)}`;
              await page.goto(`${base}/strategy/simple_mm?${q}`);
              await page
                .getByTestId('trading-graph')
                .locator('.recharts-surface')
                .first()
                .waitFor();
              console.log(`screenshot: ${await screenshot(page, `bench-${h.name}-${days}d`)}`);
            }
          } finally {
            await browser.close();
          }
        }
      } finally {
        await next.stop();
      }
    }
  } finally {
    await admin.end();
    await server.stop();
  }
  console.log(
    '\n| history (fills) | window | fills in window | JSON endpoint | server + MariaDB CPU | bare SQL | ratio | response | load average |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  const big = histories.reduce((a, b) => (b.fills > a.fills ? b : a));
  const t = (h: { name: string }, days: number) => times.get(`${h.name}/${days}`);
  const ratio = (a?: number, b?: number) => (a && b ? (a / b).toFixed(2) : 'n/a');
  console.log(`\nratios on ${big.label} fills (one run, same machine state):`);
  console.log(`  365-day / 1-day JSON: ${ratio(t(big, 365)?.http, t(big, 1)?.http)} (target <= 2)`);
  console.log(
    `  30-day JSON / 30-day bare SQL: ${ratio(t(big, 30)?.http, t(big, 30)?.bare)} (target <= 0.1)`,
  );
  for (const small of histories.filter((x) => x !== big)) {
    for (const days of windows) {
      const a = t(big, days);
      const b = t(small, days);
      console.log(
        `  ${days}-day, ${big.label} / ${small.label} fills: time ${ratio(a?.http, b?.http)}, CPU ${ratio(a?.cpu, b?.cpu)} (target <= 1.3)`,
      );
    }
  }
  console.log(`load average at the end: ${loadNow()}`);
});
