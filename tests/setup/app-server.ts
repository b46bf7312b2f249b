/**
 * Vitest globalSetup for the "browser" project (runs after tests/setup/mariadb.ts): fresh
 * dashboards + trading databases, `npm run migrate -- --execute`, a production build (cached by
 * source hash; SKIP_NEXT_BUILD=1 reuses any existing .next), and `next start` on a free port
 * of 127.0.0.1, trusting X-Forwarded-For only from 127.0.0.2 (tests/browser/reverse-proxy.test.ts).
 * Workers get inject('app'). Nothing is written to the repo's .env; logs go to .tmp/.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureNextBuild } from '../../scripts/lib/build-cache';
import { findFreePort } from '../../scripts/lib/process-utils';
import { createTestDatabasesOn, type TestDatabases } from '../helpers/test-databases';
import { REPO_ROOT, runLogged, startNextServer, waitForHttp, type NextServer } from './next-server';
import './provided-context';

const LOG_DIR = path.join(REPO_ROOT, '.tmp');

async function buildApp(env: NodeJS.ProcessEnv): Promise<void> {
  if (process.env.SKIP_NEXT_BUILD === '1' && existsSync(path.join(REPO_ROOT, '.next/BUILD_ID'))) {
    console.log('[browser] SKIP_NEXT_BUILD=1: using the existing .next build');
    return;
  }
  await ensureNextBuild({
    env,
    log: (line) => line.startsWith('next build:') && console.log(`[browser] ${line}`),
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mariadb = project.getProvidedContext().mariadb;
  if (!mariadb)
    throw new Error(
      'tests/setup/app-server.ts must be listed after tests/setup/mariadb.ts in globalSetup',
    );

  let dbs: TestDatabases | undefined;
  let server: NextServer | undefined;
  const teardown = async () => {
    await server?.stop();
    await dbs?.drop();
  };

  try {
    dbs = await createTestDatabasesOn(mariadb);
    const cookieSecret = randomBytes(36).toString('base64url'); // 48 characters
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // The reverse-proxy test's nginx connects from this loopback address (proxy_bind), so the
    // other tests, connecting from 127.0.0.1, stay untrusted clients of the app port.
    const trustedProxy = '127.0.0.2';
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Vitest sets NODE_ENV=test; `next build`/`next start` must see production.
      NODE_ENV: 'production',
      APP_ENV: 'LOCAL',
      APP_PORT: String(port),
      APP_COOKIE_SECRET: cookieSecret,
      DASHBOARD_DB_CRED: dbs.dashboardsUrl,
      TRADING_DB_CRED: dbs.tradingUrl,
      TRUSTED_PROXIES: trustedProxy,
    };

    if (!existsSync(path.join(REPO_ROOT, 'scripts/migrate.ts'))) {
      throw new Error(
        'TODO(lead): scripts/migrate.ts does not exist yet; the browser tests need ' +
          '`npm run migrate -- --execute` to create the dashboards tables.',
      );
    }
    await runLogged(
      'npm',
      ['run', 'migrate', '--', '--execute'],
      env,
      path.join(LOG_DIR, 'browser-migrate.log'),
    );
    await buildApp(env);

    server = startNextServer(port, env, path.join(LOG_DIR, `browser-next-start.${port}.log`));
    const started = Date.now();
    await waitForHttp(`${baseUrl}/login`, server);
    console.log(
      `[browser] app ready at ${baseUrl} in ${Date.now() - started} ms (log: ${server.logFile})`,
    );

    project.provide('app', {
      baseUrl,
      trustedProxy,
      cookieSecret,
      dashboardsUrl: dbs.dashboardsUrl as string,
      tradingUrl: dbs.tradingUrl as string,
      tradingWriteUrl: dbs.tradingWriteUrl as string,
    });
    return teardown;
  } catch (err) {
    await teardown().catch(() => undefined);
    throw err;
  }
}
