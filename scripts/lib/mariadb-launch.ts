import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { requireMariadbBinary } from './mariadb-install';
import { logTail, type MariadbPaths } from './mariadb-paths';
import { sleep } from './process-utils';

const READY_TIMEOUT_MS = 60_000;

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs mariadb-install-db on an empty data dir; the root user starts with no password. */
export async function initialiseDataDir(paths: MariadbPaths): Promise<void> {
  const args = [
    '--no-defaults',
    `--datadir=${paths.dataDir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    '--skip-name-resolve',
    ...(isRoot() ? ['--user=root'] : []),
  ];
  const out = openSync(paths.outputLog, 'a');
  const child = spawn(requireMariadbBinary('mariadb-install-db'), args, {
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(
      `mariadb-install-db failed (exit ${code}) for ${paths.dataDir}:\n${logTail(paths)}`,
    );
  }
}

export function launchMariadbd(paths: MariadbPaths, port: number): ChildProcess {
  // A temporary directory of its own: a MariaDB starting on a shared /tmp deletes the other
  // servers' temporary tables there (seen: a test server killing a benchmark's GROUP BY).
  const tmpDir = `${paths.dataDir}.tmp`;
  mkdirSync(tmpDir, { recursive: true });
  const args = [
    '--no-defaults',
    `--datadir=${paths.dataDir}`,
    `--tmpdir=${tmpDir}`,
    `--socket=${paths.socket}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    '--skip-log-bin',
    // Throwaway servers: durability on each commit is not worth the fsyncs.
    '--innodb-buffer-pool-size=512M',
    '--innodb-flush-log-at-trx-commit=2',
    '--max-allowed-packet=256M',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_general_ci',
    '--skip-name-resolve',
    `--pid-file=${paths.pidFile}`,
    `--log-error=${paths.errorLog}`,
    ...(isRoot() ? ['--user=root'] : []),
  ];
  const out = openSync(paths.outputLog, 'a');
  // Own process group: a Ctrl-C in the terminal reaches the caller, which then shuts the server
  // down in order (see stopOnExit) instead of both racing.
  const child = spawn(requireMariadbBinary('mariadbd'), args, {
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  child.unref();
  return child;
}

export type ReadyResult = 'ready' | 'exited';

/**
 * Polls the socket until root can log in with `password`. Resolves 'exited' when mariadbd dies
 * first; a wrong password or the timeout throws.
 */
export async function waitUntilReady(
  paths: MariadbPaths,
  password: string,
  hasExited: () => boolean,
): Promise<ReadyResult> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (hasExited()) return 'exited';
    try {
      const conn = await mysql.createConnection({
        socketPath: paths.socket,
        user: 'root',
        password,
      });
      await conn.end();
      return 'ready';
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ER_ACCESS_DENIED_ERROR') {
        throw new Error(
          `MariaDB in ${paths.dataDir} rejected the root password kept in ${paths.passwordFile}: ` +
            'delete the data directory (and that file) to start over',
        );
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `MariaDB did not accept connections within ${READY_TIMEOUT_MS / 1000} s:\n${logTail(paths)}`,
      );
    }
    await sleep(100);
  }
}

/** Gives every root account the password, and drops root@<hostname> (unusable with skip-name-resolve). */
export async function setRootPassword(paths: MariadbPaths, password: string): Promise<void> {
  const conn = await mysql.createConnection({
    socketPath: paths.socket,
    user: 'root',
    password: '',
  });
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>(
      "SELECT Host AS host FROM mysql.user WHERE User = 'root'",
    );
    for (const { host } of rows as { host: string }[]) {
      if (['localhost', '127.0.0.1', '::1'].includes(host)) continue;
      await conn.query('DROP USER ?@?', ['root', host]);
    }
    await conn.query("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'");
    await conn.query("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION");
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      await conn.query('ALTER USER IF EXISTS ?@? IDENTIFIED BY ?', ['root', host, password]);
    }
    await conn.query('FLUSH PRIVILEGES');
  } finally {
    await conn.end();
  }
}
