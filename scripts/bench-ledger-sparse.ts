/**
 * npm run bench:ledger-sparse [-- --data-dir DIR] [--size 10000000] [--types drift,deposit] [--runs 3]
 *   [--former previous|gaps] [--window year|day]
 *
 * The ledger's sparse type filter: time to the first page (loadLedgerPage, 100 rows with exact
 * running balances) of a type that matches few rows over the history's last year, a former way
 * against the current one (the account's transactions read once per page, the gaps between
 * shown rows from prefix sums in one pass), alternated in the same run, median of --runs each
 * after one warm-up of each; then their ratio. Former ways: `previous` (the default: prefix
 * sums, but every part of the page querying the transaction table itself) or `gaps` (older:
 * one totalsBetween per gap, after trying to walk up to 20,000 items, per-query reads). Both
 * must give the same page (but for the pager's position, which only the current way counts).
`--window day`: the history's last day instead of its last year; `--types all`: no type filter.
Prints figures; asserts nothing else.
 *
 * Data: the history scripts/bench-strategy.ts generates (npm run bench:strategy -- --sizes
 * 10000000; account BITSTAMP_BTC_USD), whose private MariaDB (.data/bench/mariadb) this
 * starts and stops; no other server may run on that data directory meanwhile. Only reads.
 * The lib code runs in this process, as in the server; the HTTP layer is not included.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import type { DbCredential } from '../lib/core/env';
import { createPool } from '../lib/db/pool';
import { createTradingPool } from '../lib/db/trading/client';
import { parseLedgerQuery } from '../lib/ledger/domain/query';
import { loadLedgerPage, type LedgerPageData } from '../lib/ledger/page';
import type { BalanceOptions } from '../lib/ledger/page-balances';
import { findLedgerAccount } from '../lib/ledger/queries/account';
import { rollupAt } from '@/tests/helpers/ledger-databases';
import { readRollupMark } from '../lib/rollup/read';
import { flagValue, runCli, UsageError } from './lib/cli';
import {
  adminConnection,
  ensureMariadbInstalled,
  startPrivateMariadb,
  stopOnExit,
} from './lib/mariadb-server';
import { REPO_ROOT } from './lib/next-server';

const ACCOUNT = 'BITSTAMP_BTC_USD';
/** bench-strategy's history ends here; the window is its last year. */
const WINDOWS = {
  year: { start: new Date('2025-01-01T00:00:00Z'), end: new Date('2026-01-01T00:00:00Z') },
  day: { start: new Date('2025-12-31T00:00:00Z'), end: new Date('2026-01-01T00:00:00Z') },
};
const FORMER_WAYS: Record<string, BalanceOptions> = {
  previous: { readTransactionsOnce: false },
  gaps: { spanWalkLimit: 20_000, gapSums: 'each', readTransactionsOnce: false },
};
const CURRENT: BalanceOptions = {};

/** CPU time (ms) mariadbd has used so far, from /proc (Linux; 0 elsewhere). */
function serverCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 1/100 s
  } catch {
    return 0;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x)} ms`;
const load = () => os.loadavg()[0].toFixed(1);

runCli(async (args) => {
  const dataDir = path.resolve(
    flagValue(args, '--data-dir') ?? path.join(REPO_ROOT, '.data', 'bench', 'mariadb'),
  );
  const size = Number(flagValue(args, '--size') ?? 10_000_000);
  const types = (flagValue(args, '--types') ?? 'drift').split(',');
  const runs = Number(flagValue(args, '--runs') ?? 3);
  const windowName = flagValue(args, '--window') ?? 'year';
  if (windowName !== 'year' && windowName !== 'day')
    throw new UsageError(`--window: year or day, not ${windowName}`);
  const YEAR = WINDOWS[windowName];
  const formerName = flagValue(args, '--former') ?? 'previous';
  const FORMER = FORMER_WAYS[formerName];
  if (!FORMER) throw new UsageError(`--former: previous or gaps, not ${formerName}`);
  if (!existsSync(path.join(dataDir, `bench_trading_${size}`)))
    throw new UsageError(
      `no bench_trading_${size} in ${dataDir}: generate it with npm run bench:strategy -- --sizes ${size}`,
    );
  await ensureMariadbInstalled();
  const server = await startPrivateMariadb({ dataDir });
  stopOnExit(server);
  try {
    const admin = await adminConnection(server);
    // --no-defaults leaves InnoDB a small buffer pool; a production server has far more.
    await admin.query('SET GLOBAL innodb_buffer_pool_size = 2147483648');
    await admin.end();
    const cred = (database: string): DbCredential => ({
      host: '127.0.0.1',
      port: server.port,
      user: 'root',
      password: server.rootPassword,
      database,
      charset: 'UTF8MB4_GENERAL_CI',
    });
    const trading = createTradingPool(cred(`bench_trading_${size}`));
    const dashboards = createPool(cred(`bench_dashboards_${size}`), 'dashboards', {
      connectionLimit: 5,
      sessionSetup: [],
    });
    try {
      const account = await findLedgerAccount(trading, ACCOUNT);
      if (!account) throw new UsageError(`no account ${ACCOUNT} in bench_trading_${size}`);
      const mark = await readRollupMark(dashboards);
      const [[top]] = await trading.query<RowDataPacket[]>(
        'SELECT COALESCE(MAX(`trade_id`), 0) AS id FROM `trade`',
      );
      console.log(
        `${ACCOUNT} on bench_trading_${size}: rollup mark ${mark} of ${top.id} fills; ` +
          `window ${YEAR.start.toISOString().slice(0, 10)}..${YEAR.end.toISOString().slice(0, 10)}`,
      );
      const src = { trading, dashboards, account, rollupMark: mark };
      const now = new Date();
      const lines: string[] = [];
      for (const type of types) {
        // `all`: no type filter (the plain first page, for comparison).
        const q = parseLedgerQuery(type === 'all' ? {} : { type });
        const page = (opts: BalanceOptions) =>
          loadLedgerPage(src, rollupAt(mark), YEAR, q, now, opts);
        const cpu: Record<'former' | 'current', number[]> = { former: [], current: [] };
        const time = async (opts: BalanceOptions): Promise<[number, LedgerPageData]> => {
          const t0 = performance.now();
          const c0 = process.cpuUsage();
          const s0 = serverCpuMs(server.pid);
          const p = await page(opts);
          const c = process.cpuUsage(c0);
          cpu[opts === FORMER ? 'former' : 'current'].push(
            (c.user + c.system) / 1000 + serverCpuMs(server.pid) - s0,
          );
          return [performance.now() - t0, p];
        };
        const [, formerPage] = await time(FORMER);
        const [, currentPage] = await time(CURRENT);
        if (
          JSON.stringify({ ...formerPage, position: null }) !==
          JSON.stringify({ ...currentPage, position: null })
        )
          throw new Error(`type=${type}: the two ways give different pages`);
        const former: number[] = [];
        const current: number[] = [];
        const loads: string[] = [];
        for (let i = 0; i < runs; i++) {
          loads.push(load());
          former.push((await time(FORMER))[0]);
          current.push((await time(CURRENT))[0]);
        }
        const f = median(former);
        const c = median(current);
        // CPU used by this process and mariadbd (the warm-up's dropped): what a busy machine
        // cannot hide, unlike the elapsed time.
        const fc = median(cpu.former.slice(1));
        const cc = median(cpu.current.slice(1));
        console.log(
          `type=${type} (${currentPage.rows.length} rows): former ${former.map(ms).join(', ')}; ` +
            `current ${current.map(ms).join(', ')}; load average ${loads.join(', ')}`,
        );
        lines.push(
          `| type=${type}, ${windowName === 'year' ? 'whole year' : 'last day'} (${currentPage.rows.length} rows; ${currentPage.position ? `${currentPage.position.exact ? '' : 'at least '}${currentPage.position.total} in the view` : 'not counted'}) | ${ms(f)} (CPU ${ms(fc)}) | ${ms(c)} (CPU ${ms(cc)}) | ${(f / c).toFixed(1)}x |`,
        );
      }
      console.log(
        `\n| first page, ${size.toLocaleString('en-US')}-fill history | former (${formerName}), median of ${runs} | current, median of ${runs} | ratio (elapsed) |`,
      );
      console.log('| --- | --- | --- | --- |');
      for (const l of lines) console.log(l);
      console.log(`(${os.cpus().length} CPUs, load average ${load()} at the end)`);
    } finally {
      await trading.end();
      await dashboards.end();
    }
  } finally {
    await server.stop();
  }
});
