import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mysql, { type Connection } from 'mysql2/promise';
import {
  initialiseDataDir,
  launchMariadbd,
  setRootPassword,
  waitUntilReady,
} from './mariadb-launch';
import { logTail, pathsFor } from './mariadb-paths';
import { findFreePort, livePidFromFile, terminateSync } from './process-utils';

export { ensureMariadbInstalled } from './mariadb-install';
export { stopOnExit } from './mariadb-stop';

export interface RunningMariadb {
  port: number;
  socket: string;
  dataDir: string;
  rootUser: 'root';
  rootPassword: string;
  pid: number;
  isRunning(): boolean;
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 30_000;

/**
 * Starts a private mariadbd on `dataDir` (initialised on first use), listening on 127.0.0.1 only.
 * The root password is generated on first start and kept in `<dataDir>.root-password` (mode 600).
 */
export async function startPrivateMariadb(opts: {
  dataDir: string;
  port?: number;
  quiet?: boolean;
}): Promise<RunningMariadb> {
  const log = (s: string) => opts.quiet || process.stderr.write(`mariadb: ${s}\n`);
  const paths = pathsFor(path.resolve(opts.dataDir));
  const started = Date.now();
  mkdirSync(paths.dataDir, { recursive: true });

  const otherPid = livePidFromFile(paths.pidFile);
  if (otherPid !== null) {
    throw new Error(
      `Another mariadbd (pid ${otherPid}) is already running on ${paths.dataDir}: ` +
        `stop it first (kill ${otherPid}) or use another data directory`,
    );
  }

  const fresh = !existsSync(path.join(paths.dataDir, 'mysql'));
  if (fresh) {
    log(`initialising ${paths.dataDir}`);
    rmSync(paths.passwordFile, { force: true });
    await initialiseDataDir(paths);
  }
  // No password file: first start, or a previous first start died before setting it.
  const needsPassword = !existsSync(paths.passwordFile);
  const rootPassword = needsPassword
    ? randomBytes(16).toString('hex')
    : readFileSync(paths.passwordFile, 'utf8').trim();

  // With an OS-chosen port another process can grab it before mariadbd binds: retry a few times.
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await findFreePort());
    rmSync(paths.socket, { force: true });
    const child = launchMariadbd(paths, port);
    // Until the caller gets the handle (and can use stopOnExit), an exit must not orphan it.
    const killDuringStartup = () => terminateSync(child.pid as number, 5_000);
    process.on('exit', killDuringStartup);
    let exited = false;
    const exitPromise = new Promise<void>((resolve) =>
      child.once('exit', () => {
        exited = true;
        resolve();
      }),
    );
    try {
      const result = await waitUntilReady(paths, needsPassword ? '' : rootPassword, () => exited);
      if (result === 'exited') {
        const bindFailed = /Can't start server: Bind on TCP\/IP port|Address already in use/.test(
          logTail(paths, 10),
        );
        if (bindFailed && opts.port === undefined && attempt < 3) continue;
        throw new Error(
          `mariadbd exited during start-up (exit ${child.exitCode}):\n${logTail(paths)}`,
        );
      }
      if (needsPassword) {
        writeFileSync(paths.passwordFile, `${rootPassword}\n`, { mode: 0o600 });
        chmodSync(paths.passwordFile, 0o600);
        await setRootPassword(paths, rootPassword);
      }
    } catch (err) {
      process.off('exit', killDuringStartup);
      // Never leave a half-started server behind.
      if (!exited) {
        child.kill('SIGKILL');
        await exitPromise;
      }
      throw err;
    }
    log(
      `ready on 127.0.0.1:${port} (pid ${child.pid}, ${paths.dataDir}) in ${Date.now() - started} ms`,
    );

    const pid = child.pid as number;
    return {
      port,
      socket: paths.socket,
      dataDir: paths.dataDir,
      rootUser: 'root',
      rootPassword,
      pid,
      isRunning: () => !exited,
      async stop() {
        if (exited) return;
        // SIGTERM makes mariadbd shut down cleanly (InnoDB flushed, pid file and socket removed).
        // The child is unref'd so it never keeps the caller alive; hold the loop until it exits.
        child.ref();
        child.kill('SIGTERM');
        const timedOut = await Promise.race([
          exitPromise.then(() => false),
          new Promise<boolean>((resolve) =>
            setTimeout(() => resolve(true), STOP_TIMEOUT_MS).unref(),
          ),
        ]);
        if (timedOut) {
          child.kill('SIGKILL');
          await exitPromise;
        }
        log(`stopped (pid ${pid})`);
      },
    };
  }
}

/** Root connection over the socket; multipleStatements so DDL files run in one query. */
export function adminConnection(m: RunningMariadb): Promise<Connection> {
  return mysql.createConnection({
    socketPath: m.socket,
    user: m.rootUser,
    password: m.rootPassword,
    multipleStatements: true,
  });
}
