/**
 * npm run bench:quality [-- --runs 3] [--markout-days 40 | --markout-days all] [--fresh]
 *   [--days 1,30] [--no-raw]
 *
 * Execution quality benchmark (prints figures; asserts nothing), on the 10-million-fill history
 * that npm run bench:strategy generates under .data/bench/ (bench_trading_10000000; run that
 * first). Starts the private MariaDB, migrates the dashboards database, brings the rollup up
 * to date, then the markout and quoting rollup (lib/quality/rollup.ts, rollup-quoting.ts): over the whole history with
 * `--markout-days all`, else over the last N days only (default 40: enough for the windows
 * below, and minutes rather than the whole history's build), timed. Then for 1-day and 30-day
 * windows ending at the history's end, strategy simple_mm: the quality loader's time (median of
 * --runs after a warm-up; the page and /api/strategy/simple_mm/quality call it), the same
 * window replaying every fill and reading every order (the raw path), their ratio, whether the
 * markouts, quoting, uptime and decomposition are the same on both, the fills in the window,
 * the loader's own timings and the load average. `--days 30` times only that window;
 * `--no-raw` skips the raw path and the interleaved comparison (for profiling runs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import {
  adminConnection,
  ensureMariadbInstalled,
  startPrivateMariadb,
  stopOnExit,
} from './lib/mariadb-server';
import { REPO_ROOT } from './lib/next-server';
import { flagValue, hasFlag, runCli } from './lib/cli';
import { parseDbCredential } from '../lib/core/env';
import { createPool } from '../lib/db/pool';
import { createTradingPool } from '../lib/db/trading/client';
import { toDbDate } from '../lib/db/db-time';
import { BUILTIN_STRATEGIES } from '../lib/config/builtins';
import { refreshRollup } from '../lib/rollup/refresh';
import { DAY_MS } from '../lib/rollup/domain/buckets';
import { loadStrategyQuality } from '../lib/quality/load';
import {
  QUALITY_STATE,
  readQualityTime,
  refreshQualityRollup,
  resetQualityRollup,
} from '../lib/quality/rollup';

const END = new Date('2026-01-01T00:00:00Z');
const NOW = new Date(END.getTime() + DAY_MS);
const SIZE = 10_000_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

runCli(async (args) => {
  const runs = Number(flagValue(args, '--runs') ?? 3);
  const markoutDays = flagValue(args, '--markout-days') ?? '40';
  const windows = (flagValue(args, '--days') ?? '1,30').split(',').map(Number);
  const noRaw = hasFlag(args, '--no-raw');
  console.log(
    `load average (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
  await ensureMariadbInstalled();
  const dir = path.join(REPO_ROOT, '.data', 'bench');
  if (!existsSync(path.join(dir, `bench_trading_${SIZE}.done`)))
    throw new Error('no 10M history under .data/bench: run npm run bench:strategy first');
  const server = await startPrivateMariadb({ dataDir: path.join(dir, 'mariadb') });
  stopOnExit(server);
  const admin = await adminConnection(server);
  const trading = `bench_trading_${SIZE}`;
  const dashboardsDb = `bench_dashboards_${SIZE}`;
  const url = (user: string, db: string) =>
    `mysql://${user}:bench@127.0.0.1:${server.port}/${db}?charset=utf8`;
  let tradingPool: Pool | null = null;
  let dashboards: Pool | null = null;
  try {
    await admin.query(
      `GRANT ALL ON \`${dashboardsDb}\`.* TO 'bench'@'%'; GRANT SELECT ON \`${trading}\`.* TO 'bench_ro'@'%'`,
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      APP_COOKIE_SECRET: 'benchmark-cookie-secret-0123456789abcdef',
      DASHBOARD_DB_CRED: url('bench', dashboardsDb),
      TRADING_DB_CRED: url('bench_ro', trading),
    };
    const migrate = spawnSync(
      path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
      ['--conditions=react-server', 'scripts/migrate.ts', '--execute'],
      { cwd: REPO_ROOT, env, stdio: 'inherit' },
    );
    if (migrate.status !== 0) throw new Error('migration failed');
    tradingPool = createTradingPool(parseDbCredential('T', url('bench_ro', trading)), 4);
    dashboards = createPool(parseDbCredential('D', url('bench', dashboardsDb)), 'dashboards', {
      connectionLimit: 4,
      sessionSetup: [],
    });
    const pools = { trading: tradingPool, dashboards };

    let t0 = performance.now();
    await refreshRollup(tradingPool, dashboards, { budgetMs: 3_600_000, now: NOW });
    console.log(`rollup up to date in ${s(performance.now() - t0)}`);

    if (hasFlag(args, '--fresh')) await resetQualityRollup(dashboards, NOW);
    if (markoutDays !== 'all' && (await readQualityTime(dashboards)) === 0) {
      const from = END.getTime() - Number(markoutDays) * DAY_MS;
      await dashboards.query(
        "INSERT INTO `sync_state` (`name`, `scope`, `value`, `time_updated`) VALUES (?, '', ?, ?)",
        [QUALITY_STATE, String(from), toDbDate(NOW)],
      );
      console.log(
        `markout rollup starts at ${new Date(from).toISOString()} (--markout-days ${markoutDays})`,
      );
    }
    const before = await readQualityTime(dashboards);
    t0 = performance.now();
    const q = await refreshQualityRollup(tradingPool, dashboards, {
      budgetMs: Number.POSITIVE_INFINITY,
      now: NOW,
    });
    const buildMs = performance.now() - t0;
    const [[built]] = await tradingPool.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM `trade` WHERE `time_created` >= ? AND `time_created` < ?',
      [toDbDate(new Date(before)), toDbDate(new Date(q.qualityTime))],
    );
    console.log(
      `markout rollup: ${Number(built.n).toLocaleString('en-US')} fills (${new Date(before).toISOString()} to ${new Date(q.qualityTime).toISOString()}) in ${s(buildMs)}` +
        (Number(built.n) > 0
          ? ` (${Math.round(Number(built.n) / (buildMs / 1000)).toLocaleString('en-US')} fills/s)`
          : ''),
    );

    const config = BUILTIN_STRATEGIES.simple_mm;
    const results: Record<number, { auto: number; fills: number }> = {};
    for (const days of windows) {
      const window = { start: new Date(END.getTime() - days * DAY_MS), end: END };
      const warm = await loadStrategyQuality(config, window, NOW, pools);
      const auto: number[] = [];
      const perRun: Array<Record<string, number>> = [];
      let last = warm;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        last = await loadStrategyQuality(config, window, NOW, pools);
        auto.push(performance.now() - t);
        perRun.push(last.timings);
      }
      const t = performance.now();
      const raw = noRaw
        ? last
        : await loadStrategyQuality(config, window, NOW, pools, { path: 'fills' });
      const rawMs = noRaw ? Number.NaN : performance.now() - t;
      const same =
        JSON.stringify(raw.markouts.map((r) => r.money)) ===
        JSON.stringify(last.markouts.map((r) => r.money));
      const sameQuoting = JSON.stringify(raw.quoting) === JSON.stringify(last.quoting);
      const sameUptime = JSON.stringify(raw.exchanges) === JSON.stringify(last.exchanges);
      const sameDecomposition =
        JSON.stringify(raw.decomposition) === JSON.stringify(last.decomposition);
      results[days] = { auto: median(auto), fills: rawMs };
      console.log(`  loader runs (ms): ${auto.map((a) => Math.round(a)).join(', ')}`);
      for (const r of perRun) console.log(`    ${JSON.stringify(r)}`);
      if (last.quotingPath === 'rollup' && !noRaw) {
        // The same window with quoting and uptime from every order of the window (the loader
        // before the rollup of quoting), between runs of the rollup path.
        const orders: number[] = [];
        const again: number[] = [];
        for (let i = 0; i < runs; i++) {
          let t1 = performance.now();
          await loadStrategyQuality(config, window, NOW, pools, { quoting: 'orders' });
          orders.push(performance.now() - t1);
          t1 = performance.now();
          await loadStrategyQuality(config, window, NOW, pools);
          again.push(performance.now() - t1);
        }
        console.log(
          `  interleaved: quoting from the rollup ${s(median(again))}, from every order ${s(median(orders))} ` +
            `(medians of ${runs}), ratio ${(median(orders) / median(again)).toFixed(1)}`,
        );
      }
      console.log(
        `${days}-day window: ${s(median(auto))} (${last.markoutPath} path; median of ${runs}); ` +
          `${last.fills.toLocaleString('en-US')} fills of ${last.strategy.volumeCurrency}/${last.strategy.priceCurrency}, ` +
          `${last.quoting.placed.toLocaleString('en-US')} orders placed`,
      );
      if (noRaw) console.log('  the raw path not run (--no-raw): nothing compared');
      else
        console.log(
          `  every fill replayed ${s(rawMs)}, ratio ${(rawMs / median(auto)).toFixed(1)}; markout money same on both paths: ${same}; ` +
            `quoting from ${last.quotingPath}; same as every order read: quoting ${sameQuoting}, ` +
            `uptime and spread per exchange and slice ${sameUptime}, decomposition ${sameDecomposition}`,
        );
      console.log(`  timings (ms): ${JSON.stringify(last.timings)}`);
    }
    console.log(
      `load average (1, 5, 15 min): ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')}`,
    );
    if (results[1] && results[30])
      console.log(
        `30-day / 1-day: ${(results[30].auto / results[1].auto).toFixed(1)}; 30-day raw / 30-day: ${(results[30].fills / results[30].auto).toFixed(1)}`,
      );
  } finally {
    await tradingPool?.end();
    await dashboards?.end();
    await admin.end();
    await server.stop();
  }
});
