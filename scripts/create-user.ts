/**
 * npm run create-user [-- --execute] [--role admin|member|viewer] [--username NAME --password-stdin]
 * Like Gryphon's `gryphon-exec create-dashboard-user`: warns what the account will see, asks
 * for a `y`, then a username and a hidden password typed twice. Nothing is written without
 * --execute. For scripts: --username NAME --password-stdin (no prompts). The role defaults to
 * admin, as Gryphon's accounts (docs/access-control.md); limit what a member or viewer sees
 * afterwards with `npm run user -- set-scope`. The creation is written to the audit log.
 */
import mysql from 'mysql2/promise';
import { drizzle } from 'drizzle-orm/mysql2';
import { loadEnv } from '../lib/core/env';
import * as schema from '../lib/db/dashboards/schema';
import { usernameTaken } from '../lib/db/dashboards/users';
import { passwordProblem, usernameProblem } from '../lib/auth/password';
import { AccountError, createAccount } from '../lib/auth/accounts';
import { parseRole } from '../lib/auth/domain/access';
import { cliActor } from './lib/actor';
import { connectOnce } from './lib/db';
import { bold, flagValue, green, hasFlag, red, runCli, UsageError, yellow } from './lib/cli';
import { Prompter, readStdin } from './lib/prompt';

runCli(async (args) => {
  const execute = hasFlag(args, '--execute');
  const fromStdin = hasFlag(args, '--password-stdin');
  const givenUsername = flagValue(args, '--username');
  if (fromStdin && givenUsername === undefined)
    throw new UsageError('--password-stdin needs --username NAME');
  const roleFlag = flagValue(args, '--role');
  const role = parseRole(roleFlag ?? 'admin');
  if (!role)
    throw new UsageError(`Refused: unknown role "${roleFlag}": use admin, member or viewer.`);

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
          `Warning: this ${role} account will be able to see every dashboard of this server: all strategies,\n` +
            'the fund (assets, liabilities, operating costs) and every exchange and bank ledger' +
            (role === 'ADMIN'
              ? ',\nand manage users and read the audit log.'
              : role === 'MEMBER'
                ? ',\nexport CSV and upload or delete statements (limit it with `npm run user -- set-scope`).'
                : ', read-only\n(limit it with `npm run user -- set-scope`).'),
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

    try {
      await createAccount(
        db,
        { username, password, role },
        cliActor('npm run create-user'),
        execute,
      );
    } catch (err) {
      if (err instanceof AccountError) throw new UsageError(`Refused: ${err.message}.`);
      throw err;
    }
    if (!execute) {
      console.log(
        yellow(
          `Dry run: ${role} "${username}" is valid but was NOT created. Add --execute to create it.`,
        ),
      );
      return 0;
    }
    console.log(green(`Created user ${bold(username)} (${role}). You can log in with it now.`));
    return 0;
  } finally {
    await conn.end();
    process.stdin.destroy();
  }
});
