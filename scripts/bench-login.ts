/**
 * npm run bench:login: how a flood of anonymous logins affects everybody else. Starts a private
 * MariaDB and the production build (built if needed), then measures GET /login one request at
 * a time, idle and while 30 logins with wrong passwords run in parallel. Prints the figures
 * (docs/benchmarks.md#login-flood). Nothing is kept.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabasesOn } from '../tests/helpers/test-databases';
import { ensureNextBuild } from './lib/build-cache';
import { startPrivateMariadb, stopOnExit } from './lib/mariadb-server';
import { REPO_ROOT, runLogged, startNextServer, waitForHttp } from './lib/next-server';
import { findFreePort } from './lib/process-utils';

const FLOOD = Number(process.env.BENCH_LOGINS ?? 30);

async function timed(url: string): Promise<number> {
  const t = performance.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`GET ${url}: ${r.status}`);
  return performance.now() - t;
}

/** One anonymous login the way the form does it (CSRF token, then the credentials callback). */
async function login(base: string, i: number): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({
      csrfToken,
      username: `nobody-${i}-${randomBytes(3).toString('hex')}`,
      password: 'not the password at all',
      json: 'true',
    }),
  });
  const body = (await r.json().catch(() => ({}))) as { url?: string };
  return new URL(body.url ?? '/', base).searchParams.get('error') ?? `status ${r.status}`;
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `n=${s.length} median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms`;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-login-'));
const mariadb = await startPrivateMariadb({ dataDir: path.join(dir, 'data'), quiet: true });
const unregister = stopOnExit(mariadb);
const dbs = await createTestDatabasesOn(mariadb);
const port = await findFreePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  APP_ENV: 'LOCAL',
  APP_PORT: String(port),
  APP_COOKIE_SECRET: randomBytes(36).toString('base64url'),
  DASHBOARD_DB_CRED: dbs.dashboardsUrl,
  TRADING_DB_CRED: dbs.tradingUrl,
};
const server = { stop: async () => undefined } as { stop(): Promise<void> };
try {
  await runLogged('npm', ['run', 'migrate', '--', '--execute'], env, path.join(dir, 'migrate.log'));
  await ensureNextBuild({ env, log: (l) => console.log(l) });
  const next = startNextServer(port, env, path.join(dir, 'next.log'));
  server.stop = () => next.stop();
  await waitForHttp(`${base}/login`, next);
  for (let i = 0; i < 5; i++) await timed(`${base}/login`);

  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(await timed(`${base}/login`));

  const during: number[] = [];
  let done = false;
  const started = performance.now();
  const flood = Promise.all(Array.from({ length: FLOOD }, (_, i) => login(base, i))).finally(
    () => (done = true),
  );
  while (!done) during.push(await timed(`${base}/login`));
  const outcomes = await flood;
  const floodMs = performance.now() - started;

  const counted = new Map<string, number>();
  for (const o of outcomes) counted.set(o, (counted.get(o) ?? 0) + 1);
  console.log(`GET /login idle:                     ${stats(idle)}`);
  console.log(`GET /login during ${FLOOD} parallel logins: ${stats(during)}`);
  console.log(`the ${FLOOD} logins took ${(floodMs / 1000).toFixed(1)} s; answers:`);
  for (const [o, n] of counted) console.log(`  ${n} × ${o}`);
  console.log(`(server log: ${path.join(dir, 'next.log')}; repo ${REPO_ROOT})`);
} finally {
  await server.stop();
  await dbs.drop().catch(() => undefined);
  unregister();
  await mariadb.stop();
  rmSync(path.join(dir, 'data'), { recursive: true, force: true });
}
