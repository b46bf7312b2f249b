/**
 * scripts/bench-upload.ts --http: the same uploads sent over HTTP to the production build
 * (`next start`, .next must exist: npm run build), measuring the server's own RSS (every
 * process of its group), so Next's proxy and body handling are included.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from 'mysql2/promise';
import { findFreePort } from '../lib/process-utils';
import { REPO_ROOT, startNextServer, waitForHttp } from '../lib/next-server';
import { CONTENT_TYPE, multipartBody } from './upload-body';
import { mb, secs } from './ledger-measure';

/** RSS of every process in the group `pgid`, from /proc. */
function groupRss(pgid: number): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += rss ? Number(rss[1]) * 1024 : 0;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

export async function benchOverHttp(
  admin: Connection,
  db: { port: number; password: string; dashboards: string },
  size: number,
  log: (s: string) => void,
) {
  if (!existsSync(path.join(REPO_ROOT, '.next/BUILD_ID')))
    throw new Error('run npm run build first');
  await admin.query(
    'DROP DATABASE IF EXISTS bench_upload_trading; CREATE DATABASE bench_upload_trading',
  );
  await admin.query('USE bench_upload_trading');
  await admin.query(
    readFileSync(path.join(REPO_ROOT, 'lib/db/trading/gryphon-trading-schema.sql'), 'utf8'),
  );
  await admin.query(
    "INSERT INTO exchange (exchange_id, unique_id, name, balance) VALUES (1, 'b1', 'BENCH_USD', '{}')",
  );
  const cred = (name: string) =>
    `mysql://root:${db.password}@127.0.0.1:${db.port}/${name}?charset=utf8`;
  const port = await findFreePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    APP_ENV: 'LOCAL',
    APP_PORT: String(port),
    APP_COOKIE_SECRET: randomBytes(36).toString('base64url'),
    DASHBOARD_DB_CRED: cred(db.dashboards),
    TRADING_DB_CRED: cred('bench_upload_trading'),
    STATEMENT_QUOTA: '1000',
  };
  const user = spawnSync(
    'npm',
    ['run', 'create-user', '--', '--execute', '--username', 'bench', '--password-stdin'],
    {
      cwd: REPO_ROOT,
      env,
      input: 'bench upload password\n',
    },
  );
  if (user.status !== 0) throw new Error(`create-user failed: ${user.stderr}`);
  const server = startNextServer(port, env, path.join(REPO_ROOT, '.tmp/bench-upload-next.log'));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/login`, server);
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
    const login = await fetch(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.join('; ') },
      body: new URLSearchParams({
        username: 'bench',
        password: 'bench upload password',
        csrfToken,
        json: 'true',
      }),
    });
    const cookie = [...jar, ...login.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
    const upload = async (bytes: number) => {
      const r = await fetch(`${base}/api/ledger/bench_usd/statements`, {
        method: 'POST',
        headers: { Cookie: cookie, Accept: 'application/json', 'Content-Type': CONTENT_TYPE },
        body: multipartBody(bytes),
        duplex: 'half',
      } as RequestInit);
      const body = (await r.json()) as { rows?: number; error?: string };
      if (r.status !== 201) throw new Error(`upload answered ${r.status}: ${body.error}`);
      return body.rows ?? 0;
    };
    await upload(200_000);
    const pgid = server.child.pid as number;
    for (const [label, n] of [
      ['one 10 MB upload', 1],
      ['three 10 MB uploads at once', 3],
    ] as const) {
      await new Promise((r) => setTimeout(r, 2000));
      const idle = groupRss(pgid);
      let peak = idle;
      const timer = setInterval(() => (peak = Math.max(peak, groupRss(pgid))), 20);
      const started = performance.now();
      const rows = await Promise.all(Array.from({ length: n }, () => upload(size)));
      const ms = performance.now() - started;
      clearInterval(timer);
      peak = Math.max(peak, groupRss(pgid));
      log(
        `HTTP ${label}: ${rows.map((x) => x.toLocaleString('en-US')).join(' + ')} rows in ${secs(ms)}, ` +
          `server RSS idle ${mb(idle)}, peak ${mb(peak)} (${mb(peak - idle)} above idle)`,
      );
    }
  } finally {
    await server.stop();
  }
}
