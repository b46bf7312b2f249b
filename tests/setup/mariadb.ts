/**
 * Vitest globalSetup for the "db" and "browser" projects: a throwaway MariaDB on 127.0.0.1 in a
 * fresh temp dir, handed to workers as inject('mariadb') = { port, rootPassword }, stopped and
 * deleted on teardown (also when tests fail; a Ctrl-C or crash is covered by stopOnExit).
 * Each project that lists this file starts its own server (about 1-2 s).
 *
 * Fast local loop: keep one server running and reuse it across runs:
 *   npx tsx tests/setup/start-test-mariadb.ts     # prints the two variables below, Ctrl-C stops
 *   TEST_MARIADB_PORT=... TEST_MARIADB_ROOT_PASSWORD=... npx vitest run --project db
 * Every test creates its own uniquely named databases, so reuse is safe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  ensureMariadbInstalled,
  startPrivateMariadb,
  stopOnExit,
} from '../../scripts/lib/mariadb-server';
import { isProcessAlive } from '../../scripts/lib/process-utils';
import './provided-context';

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const reusePort = process.env.TEST_MARIADB_PORT;
  const reusePassword = process.env.TEST_MARIADB_ROOT_PASSWORD;
  if (reusePort && reusePassword) {
    project.provide('mariadb', { port: Number(reusePort), rootPassword: reusePassword });
    console.log(`[${project.name}] reusing MariaDB on 127.0.0.1:${reusePort} (TEST_MARIADB_PORT)`);
    return undefined;
  }

  await ensureMariadbInstalled();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gryphon-test-mariadb-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  // Interrupted during start-up: startPrivateMariadb's own guard kills the half-started server.
  process.on('exit', removeDir);
  const started = Date.now();
  const server = await startPrivateMariadb({ dataDir: path.join(dir, 'data'), quiet: true }).catch(
    (err: unknown) => {
      removeDir();
      throw err;
    },
  );
  process.off('exit', removeDir);
  const unregister = stopOnExit(server);
  // Registered after stopOnExit, so on Ctrl-C or a crash the server has been stopped by now.
  const removeDirOnExit = () => isProcessAlive(server.pid) || removeDir();
  process.on('exit', removeDirOnExit);
  console.log(
    `[${project.name}] MariaDB ready on 127.0.0.1:${server.port} in ${Date.now() - started} ms`,
  );
  project.provide('mariadb', { port: server.port, rootPassword: server.rootPassword });

  return async () => {
    unregister();
    process.off('exit', removeDirOnExit);
    await server.stop();
    removeDir();
  };
}
