/**
 * Ledger benchmark (issue 6 item 8): an account with 5 million fills (plus 5,000 transfers) in
 * a private MariaDB under .data/bench-ledger (generated once, reused), then:
 *   - the rollup build from scratch,
 *   - time to the first page for several views, with and without the rollup,
 *   - a full CSV export of the year (every row, streamed), with peak RSS / heap while it runs.
 * Run: npm run bench:ledger [-- --skip-export] [-- --fresh]
 * The lib code runs in this process, as in the server; the HTTP layer is not included.
 *
 * npm run bench:ledger -- --http-export [--data-dir .data/bench/mariadb] [--runs 3]
 *   [--start 2025-10-03 --end 2026-01-01] [--account BITSTAMP_BTC_USD]: instead, the CSV export
 * through the production server against the pipeline alone, on bench:strategy's history
 * (scripts/bench/ledger-http.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import mysql from 'mysql2/promise';
import { createPool } from '../lib/db/pool';
import type { DbCredential } from '../lib/core/env';
import { applyMigrations, pendingMigrations, readMigrations } from '../lib/db/dashboards/migrate';
import { parseLedgerQuery } from '../lib/ledger/domain/query';
import { createTradingPool } from '../lib/db/trading/client';
import { findLedgerAccount } from '../lib/ledger/queries/account';
import { readRollupMark } from '../lib/rollup/read';
import { refreshRollup, resetRollup } from '../lib/rollup/refresh';
import { rollupAt } from '@/tests/helpers/ledger-databases';
import { ledgerCsv } from '../lib/ledger/export';
import { loadLedgerPage } from '../lib/ledger/page';
import type { LedgerSource } from '../lib/ledger/source';
import {
  adminConnection,
  ensureMariadbInstalled,
  startPrivateMariadb,
  stopOnExit,
} from './lib/mariadb-server';
import { BENCH_ACCOUNT, benchDataPresent, generateBenchData } from './bench/ledger-data';
import { countingSink, mb, memorySampler, secs, timed } from './bench/ledger-measure';
import { benchHttpExport } from './bench/ledger-http';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATA_DIR = path.join(ROOT, '.data/bench-ledger/mariadb');
const args = new Set(process.argv.slice(2));
const log = (s: string) => console.log(s);
const YEAR = { start: new Date('2023-01-01T00:00:00Z'), end: new Date('2024-01-01T00:00:00Z') };
const LAST_DAY = { start: new Date('2023-12-27T00:00:00Z'), end: new Date('2023-12-28T00:00:00Z') };

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};

async function main() {
  if (args.has('--http-export')) {
    await benchHttpExport({
      dataDir: path.resolve(flag('--data-dir', path.join(ROOT, '.data/bench/mariadb'))),
      size: Number(flag('--size', '10000000')),
      account: flag('--account', 'BITSTAMP_BTC_USD'),
      start: flag('--start', '2025-10-03'),
      end: flag('--end', '2026-01-01'),
      runs: Number(flag('--runs', '3')),
      log,
    });
    return;
  }
  if (args.has('--fresh')) rmSync(path.dirname(DATA_DIR), { recursive: true, force: true });
  mkdirSync(path.dirname(DATA_DIR), { recursive: true });
  await ensureMariadbInstalled();
  const server = await startPrivateMariadb({ dataDir: DATA_DIR });
  stopOnExit(server);
  try {
    const admin = await adminConnection(server);
    // --no-defaults leaves InnoDB a 128 MB buffer pool; a production server has far more.
    await admin.query('SET GLOBAL innodb_buffer_pool_size = 2147483648');
    await admin.query(
      'CREATE DATABASE IF NOT EXISTS bench_trading; CREATE DATABASE IF NOT EXISTS bench_dashboards',
    );
    await admin.query('USE bench_trading');
    const [tables] = await admin.query<mysql.RowDataPacket[]>("SHOW TABLES LIKE 'trade'");
    if (tables.length === 0) {
      const { readFileSync } = await import('node:fs');
      await admin.query(
        readFileSync(path.join(ROOT, 'lib/db/trading/gryphon-trading-schema.sql'), 'utf8'),
      );
    }
    if (!(await benchDataPresent(admin))) {
      log('generating the trading history (once; kept in .data/bench-ledger)');
      const g = await timed(() => generateBenchData(admin, (s) => log(`  ${s}`)));
      log(`generated in ${secs(g.ms)}`);
    }
    await admin.query('USE bench_dashboards');
    await applyMigrations(admin, await pendingMigrations(admin, readMigrations()));
    await admin.end();
    await run(server.port, server.rootPassword);
  } finally {
    await server.stop();
  }
}

function cred(port: number, password: string, database: string): DbCredential {
  return {
    host: '127.0.0.1',
    port,
    user: 'root',
    password,
    database,
    charset: 'UTF8MB4_GENERAL_CI',
  };
}

async function run(port: number, password: string) {
  const trading = createTradingPool(cred(port, password, 'bench_trading'));
  const dashboards = createPool(cred(port, password, 'bench_dashboards'), 'dashboards', {
    connectionLimit: 5,
    sessionSetup: [],
  });
  const account = (await findLedgerAccount(trading, BENCH_ACCOUNT))!;
  const [[counts]] = await trading.query<mysql.RowDataPacket[]>(
    'SELECT (SELECT COUNT(*) FROM trade t JOIN `order` o ON o.order_id = t.order_id WHERE o.exchange_name = ?) AS fills, ' +
      '(SELECT COUNT(*) FROM `transaction` WHERE exchange_id = 1) AS transfers, (SELECT COUNT(*) FROM trade) AS allFills',
    [BENCH_ACCOUNT],
  );
  log(
    `\n${BENCH_ACCOUNT}: ${Number(counts.fills).toLocaleString('en-US')} fills + ${Number(counts.transfers).toLocaleString('en-US')} transfers; trade table ${Number(counts.allFills).toLocaleString('en-US')} rows`,
  );
  const now = new Date();
  const source = async (mark: number | null): Promise<LedgerSource> => ({
    trading,
    dashboards,
    account,
    rollupMark: mark ?? (await readRollupMark(dashboards)),
  });

  const results: Array<[string, string, string]> = [];
  const page = async (
    label: string,
    window: typeof YEAR,
    q: Record<string, string>,
    mark: number | null,
    times = 3,
  ) => {
    const src = await source(mark);
    const query = parseLedgerQuery(q);
    const runs = [];
    for (let i = 0; i < times; i++)
      runs.push(
        (await timed(() => loadLedgerPage(src, rollupAt(src.rollupMark), window, query, now))).ms,
      );
    const sorted = [...runs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    results.push([label, secs(runs[0]), times > 1 ? secs(median) : '']);
    log(
      `  ${label}: first ${secs(runs[0])}${times > 1 ? `, median of ${times} ${secs(median)}` : ''}`,
    );
  };

  log('\nfirst page without the rollup (live SUMs over the history):');
  await resetRollup(dashboards, now);
  await page('last day, no rollup', LAST_DAY, {}, 0, 1);
  await page('whole year, no rollup', YEAR, {}, 0, 1);

  const build = await timed(() => refreshRollup(trading, dashboards, { budgetMs: 3_600_000, now }));
  log(`\nrollup build from scratch: ${secs(build.ms)} (mark ${build.value.mark})`);
  results.push(['rollup build (once, 6M fills)', secs(build.ms), '']);

  log('\nfirst page with the rollup:');
  await page('last day, newest first', LAST_DAY, {}, null);
  await page('whole year, newest first', YEAR, {}, null);
  await page('whole year, oldest first', YEAR, { sort: 'oldest' }, null);
  await page(
    'whole year, page in the middle (cursor)',
    YEAR,
    { cursor: 'after:1688169600-t2500000-0' },
    null,
  );
  await page('whole year, 1000 rows per page', YEAR, { size: '1000' }, null);
  await page('whole year, currency=BTC', YEAR, { currency: 'BTC' }, null);
  await page('whole year, type=fee', YEAR, { type: 'fee' }, null);
  await page('whole year, type=drift (sparse)', YEAR, { type: 'drift' }, null);

  if (!args.has('--skip-export')) await exportAll(await source(null), results);
  log('\n| measurement | first | median of 3 |\n| --- | --- | --- |');
  for (const [a, b, c] of results) log(`| ${a} | ${b} | ${c} |`);
  await trading.end();
  await dashboards.end();
}

async function exportAll(src: LedgerSource, results: Array<[string, string, string]>) {
  log('\nfull CSV export of the year, newest first (every row):');
  global.gc?.();
  const before = process.memoryUsage();
  const sampler = memorySampler();
  const started = performance.now();
  const milestones: string[] = [];
  const { sink, totals } = countingSink((lines, bytes) => {
    const m = process.memoryUsage();
    const line = `${(lines / 1e6).toFixed(0)}M rows, ${mb(bytes)} written, ${secs(performance.now() - started)}: RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)}`;
    milestones.push(line);
    log(`  ${line}`);
  });
  const csv = await ledgerCsv(src, YEAR, parseLedgerQuery({}));
  await pipeline(
    Readable.from(csv.records),
    stringify({ header: true, columns: csv.header }),
    sink,
  );
  const ms = performance.now() - started;
  const peak = sampler.stop();
  const { lines, bytes } = totals();
  log(
    `  done: ${lines.toLocaleString('en-US')} lines, ${mb(bytes)} in ${secs(ms)} (${Math.round(lines / (ms / 1000)).toLocaleString('en-US')} rows/s)`,
  );
  log(
    `  memory: RSS before ${mb(before.rss)}, peak ${mb(peak.peakRss)}; heap before ${mb(before.heapUsed)}, peak ${mb(peak.peakHeap)}`,
  );
  results.push([
    `full CSV export (${lines.toLocaleString('en-US')} lines, ${mb(bytes)})`,
    secs(ms),
    '',
  ]);
  results.push([
    'peak RSS / heap during export',
    `${mb(peak.peakRss)} / ${mb(peak.peakHeap)}`,
    `before: ${mb(before.rss)} / ${mb(before.heapUsed)}`,
  ]);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
