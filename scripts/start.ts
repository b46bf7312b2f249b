/**
 * npm start: checks the configuration and both databases, then runs `next start` on APP_HOST
 * (default 127.0.0.1: only this machine; a reverse proxy on it reaches the server) and
 * APP_PORT (default 8080). Any problem stops start-up with one clear line instead of a server
 * that fails on its first request. The server process preloads scripts/lib/peer-address.mjs so
 * the login limits see the real client address.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadEnv, rawAppKeys, startDirectory } from '../lib/core/env';
import { pendingMigrations, readMigrations } from '../lib/db/dashboards/migrate';
import { runCli, UsageError } from './lib/cli';
import { connectOnce } from './lib/db';
import { withPeerAddress } from './lib/next-server';

runCli(async () => {
  const env = loadEnv();
  if (!existsSync('.next/BUILD_ID'))
    throw new UsageError('no production build found: run `npm run build` first');

  const dashboards = await connectOnce(env.dashboardDb, 'dashboards');
  try {
    const pending = await pendingMigrations(dashboards, readMigrations());
    if (pending.length > 0) {
      throw new UsageError(
        `the dashboards database has ${pending.length} pending migration(s): run \`npm run migrate -- --execute\` first`,
      );
    }
  } finally {
    await dashboards.end();
  }
  const trading = await connectOnce(env.tradingDb, 'trading');
  await trading.end();
  // The server itself warns if the trading user could write (instrumentation.ts).

  // The server gets the keys exactly as checked here, even when .env lives in another directory.
  const child = spawn(
    'npx',
    ['next', 'start', '--hostname', env.host, '--port', String(env.port)],
    { stdio: 'inherit', env: withPeerAddress({ ...process.env, ...rawAppKeys(startDirectory()) }) },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
});
