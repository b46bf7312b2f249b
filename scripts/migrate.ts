/**
 * npm run migrate [-- --execute]
 * Without --execute: lists the pending migrations of the dashboards database with their SQL
 * and changes nothing. With it: applies them and says what it applied. Never touches the
 * trading database.
 */
import { loadEnv } from '../lib/core/env';
import {
  readMigrations,
  pendingMigrations,
  applyMigrations,
  MigrationFailedError,
} from '../lib/db/dashboards/migrate';
import { connectOnce } from './lib/db';
import { bold, green, hasFlag, red, runCli, yellow } from './lib/cli';

runCli(async (args) => {
  const execute = hasFlag(args, '--execute');
  const env = loadEnv();
  const cred = env.dashboardDb;
  const conn = await connectOnce(cred, 'dashboards');
  try {
    const pending = await pendingMigrations(conn, readMigrations());
    const where = `${cred.user}@${cred.socketPath ?? `${cred.host}:${cred.port}`}/${cred.database}`;
    if (pending.length === 0) {
      console.log(green(`Dashboards database ${where} is up to date: nothing to apply.`));
      return 0;
    }
    if (!execute) {
      console.log(bold(`${pending.length} pending migration(s) for ${where}:`));
      for (const m of pending) {
        console.log(`\n-- ${m.tag}`);
        for (const s of m.statements) console.log(`${s};`);
      }
      console.log(
        yellow('\nDry run: nothing was changed. Run `npm run migrate -- --execute` to apply.'),
      );
      return 0;
    }
    try {
      const applied = await applyMigrations(conn, pending, (line) => console.log(line));
      console.log(green(`Applied ${applied.length} migration(s) to ${where}.`));
      return 0;
    } catch (err) {
      if (err instanceof MigrationFailedError) {
        console.error(red(err.message));
        console.error(`Failing statement:\n${err.statement}`);
        return 1;
      }
      throw err;
    }
  } finally {
    await conn.end();
  }
});
