/**
 * Keeps one test MariaDB running for a fast local test loop (see tests/setup/mariadb.ts).
 * Data lives in .data/test-mariadb and survives restarts; Ctrl-C stops the server.
 */
import path from 'node:path';
import {
  ensureMariadbInstalled,
  startPrivateMariadb,
  stopOnExit,
} from '../../scripts/lib/mariadb-server';

await ensureMariadbInstalled();
const server = await startPrivateMariadb({
  dataDir: path.resolve('.data/test-mariadb/data'),
  port: Number(process.env.TEST_MARIADB_PORT) || 33306,
});
stopOnExit(server);
console.log('Test MariaDB running. In another shell:');
console.log(
  `  export TEST_MARIADB_PORT=${server.port} TEST_MARIADB_ROOT_PASSWORD=${server.rootPassword}`,
);
console.log('Ctrl-C stops it.');
setInterval(() => undefined, 60_000);
