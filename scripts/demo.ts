/**
 * `npm run demo [-- --reset] [--days N] [--seed N] [--data-dir DIR]`
 * One command from a fresh clone to a logged-in dashboard full of data: installs MariaDB if
 * needed (as root), starts a private one under .data/, creates the databases and users,
 * migrates, generates the demo history once, creates the demo login, builds if the sources
 * changed and serves on http://localhost:8080 (APP_PORT). Ctrl-C stops everything.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDbCredential } from '@/lib/core/env';
import { ensureNextBuild } from './lib/build-cache';
import {
  adminConnection,
  ensureMariadbInstalled,
  startPrivateMariadb,
  type RunningMariadb,
} from './lib/mariadb-server';
import { terminateSync } from './lib/process-utils';
import { demoUrls, provisionDatabases } from './demo/databases';
import { ensureDemoHistory, ensureDemoLogin } from './demo/setup';
import { startAppServer, waitForHttp, type AppServer } from './demo/processes';
import { DemoState, isPortFree } from './demo/state';

const REPO_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const say = (line: string) => process.stdout.write(`demo: ${line}\n`);

function parseDemoArgs() {
  const { values } = parseArgs({
    options: {
      reset: { type: 'boolean', default: false },
      days: { type: 'string', default: '90' },
      seed: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
    },
  });
  const days = Number(values.days);
  const seed = Number(values.seed);
  if (!(days > 0)) throw new Error(`--days must be a positive number, got "${values.days}"`);
  if (!Number.isSafeInteger(seed))
    throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  const dataDir = path.resolve(
    REPO_ROOT,
    values['data-dir'] ?? process.env.DEMO_DATA_DIR ?? '.data',
  );
  return { reset: values.reset, days, seed, dataDir };
}

async function main(): Promise<void> {
  const args = parseDemoArgs();
  const appPort = Number(process.env.APP_PORT ?? 8080);
  if (!(await isPortFree(appPort))) {
    throw new Error(
      `port ${appPort} is already in use (another server?): run \`APP_PORT=${appPort + 1} npm run demo\``,
    );
  }
  const state = new DemoState(args.dataDir);
  await ensureMariadbInstalled();
  const mariadb = await startPrivateMariadb({
    dataDir: state.mariadbDir,
    port: await state.mariadbPort(),
    quiet: true,
  });
  let server: AppServer | null = null;
  // Whatever happens (an error, a second Ctrl-C), neither the server nor MariaDB outlives us.
  process.on('exit', () => {
    if (server?.child.pid) terminateSync(-server.child.pid, 5_000);
    if (mariadb.isRunning()) terminateSync(mariadb.pid, 20_000);
  });
  let stopping = false;
  const shutdown = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping the app server and MariaDB`);
    await server?.stop();
    await mariadb.stop();
    state.clearPids();
    say('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(signal, 0));
  state.savePids({ mariadb: mariadb.pid });
  say(`MariaDB ${mariadb.dataDir} on 127.0.0.1:${mariadb.port}`);

  try {
    const env = await prepare(args, state, mariadb, appPort);
    if (stopping) return;
    server = startAppServer(REPO_ROOT, env);
    state.savePids({ mariadb: mariadb.pid, server: server.child.pid as number });
    let serverGone = false;
    void server.exited.then((code) => {
      serverGone = true;
      void shutdown(`the app server exited (code ${code})`, 1);
    });
    await waitForHttp(`http://127.0.0.1:${appPort}/login`, 120_000, () => serverGone);
    const history = state.seedState();
    say(`ready: http://localhost:${appPort}`);
    say(
      `  username: demo   password: ${state.loginPassword()}   (kept in ${path.join(args.dataDir, 'demo-login.txt')})`,
    );
    if (history)
      say(
        `  trading history: ${history.days} days to ${history.end}, ${history.fills.toLocaleString('en-US')} fills (seed ${history.seed})`,
      );
    say(
      `  MariaDB on 127.0.0.1:${mariadb.port}, data in ${args.dataDir}; Ctrl-C stops the server and MariaDB`,
    );
  } catch (err) {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    await shutdown('failed', 1);
  }
}

/** Everything between a running MariaDB and `npm start`; returns the app's environment. */
async function prepare(
  args: ReturnType<typeof parseDemoArgs>,
  state: DemoState,
  m: RunningMariadb,
  appPort: number,
) {
  const secrets = state.secrets();
  const urls = demoUrls(m.port, secrets);
  const root = await adminConnection(m);
  try {
    await provisionDatabases(root, secrets, { reset: args.reset });
    if (args.reset) state.saveSeedState(null);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      APP_ENV: 'LOCAL',
      APP_PORT: String(appPort),
      APP_COOKIE_SECRET: secrets.cookieSecret,
      DASHBOARD_DB_CRED: urls.dashboards,
      TRADING_DB_CRED: urls.tradingReadOnly,
    };
    await ensureDemoHistory(root, state, {
      ...args,
      cred: parseDbCredential('SEED_DB_CRED', urls.tradingWrite),
      log: say,
    });
    await ensureDemoLogin(root, state, { cwd: REPO_ROOT, env, log: say });
    await ensureNextBuild({ log: (line) => say(line), env });
    return env;
  } finally {
    await root.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
