/**
 * npx tsx --conditions=react-server scripts/bench/strategy-profile.ts [-- --size 10000000] [--days 1,30,365] [--runs 3] [--explain]
 *
 * Where a strategy request's time goes: loadStrategyDashboard run in this process (as the
 * server runs it; no HTTP) against the history scripts/bench-strategy.ts generates (its private
 * MariaDB, .data/bench/mariadb, which this starts and stops: no other server may run on that
 * data directory meanwhile). Every query of the request is logged with its time (the pools'
 * query is wrapped here, not in production code), then the request's own timings, the JS time
 * (this process's CPU) and the response's size; --explain runs EXPLAIN ANALYZE on the three
 * slowest queries. Only reads. Prints figures; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { BUILTIN_STRATEGIES } from '../../lib/config/builtins';
import type { DbCredential } from '../../lib/core/env';
import { createPool } from '../../lib/db/pool';
import { createTradingPool } from '../../lib/db/trading/client';
import { loadStrategyDashboard } from '../../lib/strategy/dashboard';
import { flagValue, runCli } from '../lib/cli';
import { ensureMariadbInstalled, startPrivateMariadb, stopOnExit } from '../lib/mariadb-server';
import { REPO_ROOT } from '../lib/next-server';

const END = new Date('2026-01-01T00:00:00Z');

/** CPU time (ms) a process has used so far, from /proc (Linux; 0 elsewhere). */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

interface Logged {
  pool: string;
  sql: string;
  values: unknown;
  ms: number;
  rows: number;
}

/** Wraps pool.query to log every query with its time (bench only). */
function logQueries(pool: Pool, name: string, log: Logged[]): void {
  const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<[unknown, unknown]>;
  (pool as unknown as { query: unknown }).query = async (...a: unknown[]) => {
    const t0 = performance.now();
    const r = await query(...a);
    const opts = a[0] as string | { sql: string; values?: unknown };
    const sql = typeof opts === 'string' ? opts : opts.sql;
    const values = typeof opts === 'string' ? a[1] : (opts.values ?? a[1]);
    log.push({
      pool: name,
      sql,
      values,
      ms: performance.now() - t0,
      rows: Array.isArray(r[0]) ? r[0].length : 0,
    });
    return r;
  };
}

runCli(async (args) => {
  const size = Number(flagValue(args, '--size') ?? 10_000_000);
  const days = (flagValue(args, '--days') ?? '1,30,365').split(',').map(Number);
  const runs = Number(flagValue(args, '--runs') ?? 3);
  const pathOpt = (flagValue(args, '--path') ?? 'auto') as 'auto' | 'fills' | 'rollup';
  const dataDir = path.join(REPO_ROOT, '.data', 'bench', 'mariadb');
  await ensureMariadbInstalled();
  const server = await startPrivateMariadb({ dataDir });
  stopOnExit(server);
  const cred = (database: string): DbCredential => ({
    host: '127.0.0.1',
    port: server.port,
    user: 'root',
    password: server.rootPassword,
    database,
    charset: 'UTF8MB4_GENERAL_CI',
  });
  const name = flagValue(args, '--name') ?? String(size);
  const trading = createTradingPool(cred(`bench_trading_${name}`));
  const dashboards = createPool(cred(`bench_dashboards_${name}`), 'dashboards', {
    connectionLimit: 10,
    sessionSetup: [],
  });
  const log: Logged[] = [];
  logQueries(trading, 'trading', log);
  logQueries(dashboards, 'dashboards', log);
  try {
    for (const d of days) {
      const window = { start: new Date(END.getTime() - d * 86_400_000), end: END };
      const load = () =>
        loadStrategyDashboard(
          BUILTIN_STRATEGIES.simple_mm,
          window,
          END,
          { trading, dashboards },
          {
            path: pathOpt,
          },
        );
      await load();
      const times: number[] = [];
      let last: Awaited<ReturnType<typeof load>> | null = null;
      let cpu = 0;
      let dbCpu = 0;
      for (let i = 0; i < runs; i++) {
        log.length = 0;
        const s0 = cpuMsOf(server.pid);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        last = await load();
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu = (c.user + c.system) / 1000;
        dbCpu = cpuMsOf(server.pid) - s0;
      }
      if (!last) continue;
      const bytes = Buffer.byteLength(JSON.stringify(last));
      console.log(
        `\n== ${d}-day window, ${last.figures.fillCount} fills: ${times.map((t) => `${Math.round(t)} ms`).join(', ')} ` +
          `(last run: JS CPU ${Math.round(cpu)} ms, MariaDB CPU ${Math.round(dbCpu)} ms, ${(bytes / 1024).toFixed(0)} KiB, load ${os.loadavg()[0].toFixed(1)})`,
      );
      console.log(`   timings ${JSON.stringify(last.timings)}`);
      const byTime = [...log].sort((a, b) => b.ms - a.ms);
      for (const q of byTime.slice(0, Number(flagValue(args, '--top') ?? 15)))
        console.log(
          `   ${q.ms.toFixed(1).padStart(7)} ms ${String(q.rows).padStart(6)} rows ${q.pool}: ${q.sql.slice(0, 160)} ${String(JSON.stringify(q.values)).slice(0, 120)}`,
        );
      console.log(
        `   ${log.length} queries, sum ${Math.round(log.reduce((s, q) => s + q.ms, 0))} ms`,
      );
      if (args.includes('--explain')) {
        for (const q of byTime.slice(0, 3).filter((x) => x.values !== undefined)) {
          const pool = q.pool === 'trading' ? trading : dashboards;
          const [rows] = await pool.query({
            sql: `ANALYZE FORMAT=JSON ${q.sql}`,
            values: q.values as unknown[],
          });
          console.log(
            `\n   ANALYZE ${q.sql.slice(0, 100)}\n${JSON.stringify(rows).slice(0, 3000)}`,
          );
        }
      }
      if (args.includes('--explain-all')) {
        // Every query of the last run: MariaDB's own execution time and the indexes it used.
        const analyzed: Array<{ ms: number; keys: string; rows: number; sql: string }> = [];
        for (const q of log) {
          const pool = q.pool === 'trading' ? trading : dashboards;
          let plan: string;
          try {
            const [rows] = await pool.query<RowDataPacket[]>({
              sql: `ANALYZE FORMAT=JSON ${q.sql}`,
              values: q.values as unknown[],
            });
            plan = String(Object.values(rows[0])[0]);
          } catch (err) {
            console.log(`   (not analyzed: ${(err as Error).message.slice(0, 80)})`);
            continue;
          }
          const json = JSON.parse(plan) as { query_block?: { r_total_time_ms?: number } };
          const keys = [...plan.matchAll(/"key": "([^"]+)"[\s\S]*?"r_rows": ([\d.]+)/g)]
            .map((m) => `${m[1]}:${Math.round(Number(m[2]))}`)
            .join(' ');
          analyzed.push({
            ms: json.query_block?.r_total_time_ms ?? 0,
            keys,
            rows: q.rows,
            sql: `${q.pool}: ${q.sql.replace(/SELECT .*? FROM/, 'SELECT … FROM').slice(0, 150)}`,
          });
        }
        analyzed.sort((a, b) => b.ms - a.ms);
        console.log(
          `\n   MariaDB execution, sum ${analyzed.reduce((t, a) => t + a.ms, 0).toFixed(1)} ms:`,
        );
        for (const a of analyzed)
          console.log(
            `   ${a.ms.toFixed(2).padStart(7)} ms ${String(a.rows).padStart(5)} rows [${a.keys}] ${a.sql}`,
          );
      }
    }
  } finally {
    await trading.end();
    await dashboards.end();
    await server.stop();
  }
});
