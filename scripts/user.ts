/**
 * npm run user -- list
 * npm run user -- set-password USER [--execute] [--password-stdin]
 * npm run user -- revoke-sessions USER [--execute]
 * Manage existing logins. A new password (hidden, typed twice; or one line on stdin) ends every
 * session of the user, as does revoke-sessions (for a lost laptop or a copied cookie). Nothing
 * is written without --execute. Same rules for passwords as create-user.
 */
import { drizzle } from 'drizzle-orm/mysql2';
import { loadEnv } from '../lib/core/env';
import { pendingMigrations, readMigrations } from '../lib/db/dashboards/migrate';
import * as schema from '../lib/db/dashboards/schema';
import {
  bumpSessionVersion,
  findUserByUsername,
  listUsers,
  setUserPassword,
} from '../lib/db/dashboards/users';
import { hashPassword, passwordProblem } from '../lib/auth/password';
import { connectOnce } from './lib/db';
import { bold, green, hasFlag, runCli, UsageError, yellow } from './lib/cli';
import { Prompter, readStdin } from './lib/prompt';

const USAGE =
  'usage: npm run user -- list | set-password USER [--execute] [--password-stdin] | revoke-sessions USER [--execute]';

runCli(async (args) => {
  const [command, username] = args.filter((a) => !a.startsWith('--'));
  const execute = hasFlag(args, '--execute');
  if (!['list', 'set-password', 'revoke-sessions'].includes(command ?? ''))
    throw new UsageError(USAGE);
  if (command !== 'list' && !username) throw new UsageError(`${command} needs a USER. ${USAGE}`);

  const env = loadEnv();
  const conn = await connectOnce(env.dashboardDb, 'dashboards');
  const db = drizzle({ client: conn, schema, mode: 'default' });
  try {
    const pending = await pendingMigrations(conn, readMigrations());
    if (pending.length > 0)
      throw new UsageError(
        `the dashboards database has ${pending.length} pending migration(s): run \`npm run migrate -- --execute\` first`,
      );

    if (command === 'list') {
      const users = await listUsers(db);
      if (users.length === 0) console.log('No users. Add one with `npm run create-user`.');
      for (const u of users)
        console.log(
          `${u.username}\t${u.userType}\tcreated ${u.timeCreated.toISOString().slice(0, 10)}\t${u.uniqueId}`,
        );
      return 0;
    }

    const found = await findUserByUsername(db, username);
    if (!found) throw new UsageError(`Refused: there is no user "${username}".`);

    if (command === 'revoke-sessions') {
      if (!execute) {
        console.log(
          yellow(`Dry run: the sessions of "${username}" were NOT ended. Add --execute.`),
        );
        return 0;
      }
      await bumpSessionVersion(db, found.uniqueId);
      console.log(green(`Ended every session of ${bold(username)}; they must log in again.`));
      return 0;
    }

    let password: string;
    if (hasFlag(args, '--password-stdin')) password = await readStdin();
    else {
      const prompter = new Prompter();
      password = await prompter.ask('New password (hidden): ', { hidden: true });
      const badPassword = passwordProblem(password);
      if (badPassword) throw new UsageError(`Refused: ${badPassword}.`);
      const again = await prompter.ask('New password again: ', { hidden: true });
      if (again !== password) throw new UsageError('Refused: the two passwords differ.');
    }
    const badPassword = passwordProblem(password);
    if (badPassword) throw new UsageError(`Refused: ${badPassword}.`);
    const hash = await hashPassword(password);
    if (!execute) {
      console.log(
        yellow(`Dry run: the new password is valid but was NOT set. Add --execute to set it.`),
      );
      return 0;
    }
    await setUserPassword(db, found.uniqueId, hash);
    console.log(
      green(`New password set for ${bold(username)}; every session of the user has ended.`),
    );
    return 0;
  } finally {
    await conn.end();
    process.stdin.destroy();
  }
});
