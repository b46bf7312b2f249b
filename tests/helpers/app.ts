import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The running production app from tests/setup/app-server.ts (browser project only). */
export function testApp() {
  const app = inject('app');
  if (!app)
    throw new Error(
      'No test app: browser tests live in tests/browser/ (globalSetup tests/setup/app-server.ts)',
    );
  return app;
}

/** Environment for the lead's CLIs (migrate, create-user) pointed at the test app's databases. */
export function appCliEnv(): NodeJS.ProcessEnv {
  const app = testApp();
  return {
    ...process.env,
    // Vitest's NODE_ENV=test would leak into the app's scripts.
    NODE_ENV: 'production',
    APP_ENV: 'LOCAL',
    APP_COOKIE_SECRET: app.cookieSecret,
    DASHBOARD_DB_CRED: app.dashboardsUrl,
    TRADING_DB_CRED: app.tradingUrl,
  };
}

/** `npm run create-user -- --execute --username NAME --password-stdin`; rejects with its output. */
export function createAppUser(username: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [
      'run',
      'create-user',
      '--',
      '--execute',
      '--username',
      username,
      '--password-stdin',
    ];
    const child = spawn('npm', args, {
      cwd: REPO_ROOT,
      env: appCliEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`create-user ${username} failed (exit ${code}):\n${output}`)),
    );
    child.stdin.end(`${password}\n`);
  });
}
