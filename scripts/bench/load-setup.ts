import path from 'node:path';
import { parseDbCredential } from '@/lib/core/env';
import { ensureNextBuild } from '../lib/build-cache';
import {
  adminConnection,
  ensureMariadbInstalled,
  startPrivateMariadb,
  stopOnExit,
} from '../lib/mariadb-server';
import { REPO_ROOT, startNextServer, waitForHttp, type NextServer } from '../lib/next-server';
import { findFreePort, sleep } from '../lib/process-utils';
import { DASHBOARDS_DB, demoUrls, provisionDatabases } from '../demo/databases';
import { DEMO_USERNAME, ensureDemoHistory, ensureDemoLogin } from '../demo/setup';
import { DemoState, type SeedState } from '../demo/state';

export interface LoadBenchServer {
  base: string;
  password: string;
  history: SeedState | null;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * The demo's set-up under `dir` (its own private MariaDB, the demo's 90-day history generated
 * once and reused, migrations, the `demo` login), then the production build served on a free
 * port. The login attempts of earlier runs are deleted: a flood from 127.0.0.1 would otherwise
 * keep this address locked out for 15 minutes.
 */
export async function startLoadBenchServer(opts: {
  dir: string;
  reset: boolean;
  log: (line: string) => void;
}): Promise<LoadBenchServer> {
  const state = new DemoState(opts.dir);
  await ensureMariadbInstalled();
  const mariadb = await startPrivateMariadb({ dataDir: state.mariadbDir, quiet: true });
  const unregister = stopOnExit(mariadb);
  let next: NextServer | null = null;
  const stop = async () => {
    await next?.stop();
    unregister();
    await mariadb.stop();
  };
  try {
    const secrets = state.secrets();
    const urls = demoUrls(mariadb.port, secrets);
    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      APP_ENV: 'LOCAL',
      APP_PORT: String(port),
      APP_COOKIE_SECRET: secrets.cookieSecret,
      DASHBOARD_DB_CRED: urls.dashboards,
      TRADING_DB_CRED: urls.tradingReadOnly,
    };
    const root = await adminConnection(mariadb);
    try {
      await provisionDatabases(root, secrets, { reset: opts.reset });
      if (opts.reset) state.saveSeedState(null);
      await ensureDemoHistory(root, state, {
        days: 90,
        seed: 1,
        cred: parseDbCredential('SEED_DB_CRED', urls.tradingWrite),
        log: opts.log,
      });
      await ensureDemoLogin(root, state, { cwd: REPO_ROOT, env, log: opts.log });
      await root.query(`DELETE FROM \`${DASHBOARDS_DB}\`.\`login_attempt\``);
    } finally {
      await root.end();
    }
    await ensureNextBuild({ env, log: opts.log });
    const logFile = path.join(opts.dir, 'logs', 'next.log');
    next = startNextServer(port, env, logFile);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/login`, next, 120_000);
    opts.log(`server on ${base} (log: ${logFile}), MariaDB on 127.0.0.1:${mariadb.port}`);
    return {
      base,
      password: state.loginPassword() as string,
      history: state.seedState(),
      logFile,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** next-auth's credentials flow (CSRF token, then the callback); returns the session cookie. */
export async function logIn(base: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, username: DEMO_USERNAME, password, json: 'true' }),
  });
  await res.arrayBuffer();
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.includes('session'));
  if (!session) throw new Error(`login failed: HTTP ${res.status}`);
  return session;
}

/**
 * The strategy and ledger pages the overview links to, once the server has read the whole
 * trading history (until then the list may miss strategies that have not traded lately).
 */
export async function discoverDashboards(
  base: string,
  cookie: string,
): Promise<{ strategies: string[]; ledgers: string[] }> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await fetch(`${base}/`, { headers: { cookie }, redirect: 'manual' });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`GET / answered ${res.status}`);
    if (!html.includes('Still reading the trading history') || Date.now() > deadline) {
      const links = (re: RegExp) => [...new Set([...html.matchAll(re)].map((m) => m[1]))].sort();
      return {
        strategies: links(/href="\/strategy\/([^"/?#]+)"/g),
        ledgers: links(/href="\/ledger\/([^"/?#]+)"/g),
      };
    }
    await sleep(2_000);
  }
}
