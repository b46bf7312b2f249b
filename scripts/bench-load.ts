/**
 * npm run bench:load [-- --sessions 50] [--seconds 60] [--flood 30] [--flood-from same|many] [--reset]
 *
 * Load benchmark (prints figures; asserts nothing, exits 0 once the server ran). The demo's data
 * (90 days, seed 1) in a private MariaDB under .data/bench-load, generated once and reused
 * (--reset regenerates it, ending now); the production build. `--sessions` logins of the demo
 * user, made one after another (the server checks at most 2 passwords at once), then:
 *   phase 1: the sessions alone, each clicking through every dashboard (pages, their APIs, CSV
 *            exports; default, 1 h, 7 d and 30 d windows) for `--seconds`;
 *   phase 2: the same while `--flood` anonymous clients post wrong passwords to the login.
 * Per phase: requests, requests/s, p50/p95/p99 per kind of route, errors (any non-200 answer
 * to a session, 503 included, network errors, error panels), and the flood's own figures.
 * Flood clients come each from its own loopback address (`--flood-from many`, the default:
 * the per-address lockout then lets each try 20 passwords) or all from 127.0.0.1 (`same`).
 */
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { bold, flagValue, green, hasFlag, red, runCli, UsageError } from './lib/cli';
import { REPO_ROOT } from './lib/next-server';
import { discoverDashboards, logIn, startLoadBenchServer } from './bench/load-setup';
import { listTargets, type Target } from './bench/load-targets';
import { runFloodClient, runSession, type FloodSample, type Sample } from './bench/load-traffic';
import { floodReport, isError, sessionReport } from './bench/load-report';

function positive(args: string[], name: string, fallback: number, allowZero = false): number {
  const text = flagValue(args, name);
  const n = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1))
    throw new UsageError(
      `${name} must be a whole number${allowZero ? '' : ' above 0'}, got "${text}"`,
    );
  return n;
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function phase(opts: {
  name: string;
  base: string;
  cookies: string[];
  targets: Target[];
  seconds: number;
  flood: number;
  floodFrom: 'same' | 'many';
}): Promise<string[]> {
  const samples: Sample[] = [];
  const flood: FloodSample[] = [];
  const started = performance.now();
  const until = started + opts.seconds * 1000;
  const loadBefore = load();
  const step = opts.targets.length / opts.cookies.length;
  const sessions = opts.cookies.map((cookie, i) =>
    runSession({
      base: opts.base,
      cookie,
      targets: opts.targets,
      offset: Math.floor(i * step),
      until,
      record: (s) => samples.push(s),
    }),
  );
  const floods = Array.from({ length: opts.flood }, (_, i) =>
    runFloodClient({
      base: opts.base,
      localAddress:
        opts.floodFrom === 'same'
          ? '127.0.0.1'
          : `127.0.${1 + Math.floor(i / 250)}.${(i % 250) + 2}`,
      until,
      record: (s) => flood.push(s),
    }),
  );
  await Promise.all([...sessions, ...floods]);
  const seconds = (performance.now() - started) / 1000;
  const out = [
    '',
    bold(
      `== ${opts.name}: ${opts.cookies.length} sessions${opts.flood ? ` + ${opts.flood} flooding clients (${opts.floodFrom === 'many' ? 'one address each' : 'all from 127.0.0.1'})` : ''}, ${seconds.toFixed(1)} s (load average before ${loadBefore}, after ${load()})`,
    ),
    ...sessionReport(samples, seconds),
  ];
  if (opts.flood) out.push(...floodReport(flood, seconds, opts.flood));
  const errors = samples.filter(isError).length;
  out.push(
    errors === 0
      ? green(bold(`${opts.name}: errors: 0`))
      : red(bold(`${opts.name}: errors: ${errors}`)),
  );
  return out;
}

runCli(async (args) => {
  const sessions = positive(args, '--sessions', 50);
  const seconds = positive(args, '--seconds', 60);
  const flood = positive(args, '--flood', 30, true);
  const floodFrom = flagValue(args, '--flood-from') ?? 'many';
  if (floodFrom !== 'same' && floodFrom !== 'many')
    throw new UsageError(`--flood-from must be "same" or "many", got "${floodFrom}"`);
  const say = (line: string) => console.log(`bench-load: ${line}`);
  const dir = path.join(REPO_ROOT, '.data', 'bench-load');
  const server = await startLoadBenchServer({ dir, reset: hasFlag(args, '--reset'), log: say });
  const out: string[] = [];
  try {
    const { base } = server;
    const h = server.history;
    if (h) {
      say(
        `history: ${h.days} days to ${h.end}, ${h.fills.toLocaleString('en-US')} fills (seed ${h.seed})`,
      );
      if (Date.now() - Date.parse(h.end) > 86_400_000)
        say(
          '  it ended more than a day ago: the default and 1 h windows are empty (--reset regenerates it ending now)',
        );
    }
    let t = performance.now();
    const cookies: string[] = [];
    for (let i = 0; i < sessions; i++) cookies.push(await logIn(base, server.password));
    say(
      `${sessions} logins, one after another, in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const dashboards = await discoverDashboards(base, cookies[0]);
    say(`strategies: ${dashboards.strategies.join(', ')}`);
    say(`ledgers: ${dashboards.ledgers.join(', ')}`);
    const targets = listTargets(dashboards, new Date());
    // Warm-up: every route once (first renders, the rollup's first reads), not measured.
    t = performance.now();
    const warm: Sample[] = [];
    await runSession({
      base,
      cookie: cookies[0],
      targets,
      offset: 0,
      until: Infinity,
      limit: targets.length,
      record: (s) => warm.push(s),
    });
    say(
      `warm-up: ${targets.length} routes in ${((performance.now() - t) / 1000).toFixed(1)} s, ${warm.filter(isError).length} failed`,
    );
    for (const s of warm.filter(isError))
      say(`  ${s.status || 'network'} ${s.target.path} ${s.problem ?? ''}`);

    out.push(
      ...(await phase({
        name: 'phase 1 (sessions alone)',
        base,
        cookies,
        targets,
        seconds,
        flood: 0,
        floodFrom,
      })),
    );
    console.log(out.join('\n'));
    if (flood > 0) {
      const p2 = await phase({
        name: 'phase 2 (sessions + login flood)',
        base,
        cookies,
        targets,
        seconds,
        flood,
        floodFrom,
      });
      console.log(p2.join('\n'));
      out.push(...p2);
    }
  } finally {
    await server.stop();
  }
  // Distinct error lines of the server's log, most frequent first (stacks left out).
  const serverErrors = new Map<string, number>();
  for (const line of readFileSync(server.logFile, 'utf8').split('\n'))
    if (/^\s*(⨯|\S*Error\b)|uncaught|warn|stopped:/i.test(line))
      serverErrors.set(line.trim(), (serverErrors.get(line.trim()) ?? 0) + 1);
  const total = [...serverErrors.values()].reduce((a, b) => a + b, 0);
  console.log(`\nserver log ${server.logFile}: ${total} error lines`);
  for (const [line, n] of [...serverErrors].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${n} × ${line}`);
  console.log(`\n${bold('summary')}\n${out.join('\n')}`);
  return 0;
});
