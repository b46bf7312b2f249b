/**
 * npm run create-user [-- --execute] [--username NAME --password-stdin]
 * Like Gryphon's `gryphon-exec create-dashboard-user`: warns that the account sees every
 * dashboard, asks for a `y`, then a username and a hidden password typed twice. Nothing is
 * written without --execute. For scripts: --username NAME --password-stdin (no prompts).
 */
import mysql from 'mysql2/promise';
import { drizzle } from 'drizzle-orm/mysql2';
import { loadEnv } from '../lib/core/env';
import * as schema from '../lib/db/dashboards/schema';
import { insertUser, usernameTaken } from '../lib/db/dashboards/users';
import { hashPassword, passwordProblem, usernameProblem } from '../lib/auth/password';
import { connectOnce } from './lib/db';
import { bold, flagValue, green, hasFlag, red, runCli, UsageError, yellow } from './lib/cli';
import { Prompter, readStdin } from './lib/prompt';

runCli(async (args) => {
  const execute = hasFlag(args, '--execute');
  const fromStdin = hasFlag(args, '--password-stdin');
  const givenUsername = flagValue(args, '--username');
  if (fromStdin && givenUsername === undefined)
    throw new UsageError('--password-stdin needs --username NAME');

  const env = loadEnv();
  const cred = env.dashboardDb;
  const conn = await connectOnce(cred, 'dashboards');
  const db = drizzle({ client: conn, schema, mode: 'default' });
  try {
    const [tables] = await conn.query<mysql.RowDataPacket[]>(
      "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'user'",
    );
    if (tables.length === 0)
      throw new UsageError(
        'the dashboards database has no `user` table yet: run `npm run migrate -- --execute` first',
      );

    let username: string;
    let password = '';
    const prompter = fromStdin ? null : new Prompter();
    const prompt = (q: string, o?: { hidden?: boolean }) => (prompter as Prompter).ask(q, o);
    if (fromStdin) {
      username = givenUsername as string;
      password = await readStdin();
    } else {
      console.log(
        red(
          'Warning: this account will be able to see every dashboard of this server: all strategies,\n' +
            'the fund (assets, liabilities, operating costs) and every exchange and bank ledger.',
        ),
      );
      const answer = await prompt("Type 'y' to continue creating a user: ");
      if (answer.trim().toLowerCase() !== 'y') {
        console.log('Ok. Exiting with no actions taken.');
        return 0;
      }
      username = givenUsername ?? (await prompt('Username: '));
    }

    const badName = usernameProblem(username);
    if (badName) throw new UsageError(`Refused: ${badName}.`);
    if (await usernameTaken(db, username))
      throw new UsageError(`Refused: the username "${username}" is already taken.`);

    if (!fromStdin) {
      password = await prompt('Password (hidden): ', { hidden: true });
      const badPassword = passwordProblem(password);
      if (badPassword) throw new UsageError(`Refused: ${badPassword}.`);
      const again = await prompt('Password again: ', { hidden: true });
      if (again !== password) throw new UsageError('Refused: the two passwords differ.');
    }
    const badPassword = passwordProblem(password);
    if (badPassword) throw new UsageError(`Refused: ${badPassword}.`);

    const hash = await hashPassword(password);
    if (!execute) {
      console.log(
        yellow(
          `Dry run: user "${username}" is valid but was NOT created. Add --execute to create it.`,
        ),
      );
      return 0;
    }
    await insertUser(db, username, hash, new Date());
    console.log(green(`Created user ${bold(username)}. You can log in with it now.`));
    return 0;
  } finally {
    await conn.end();
    process.stdin.destroy();
  }
});
