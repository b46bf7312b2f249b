/**
 * npm run user -- list
 * npm run user -- set-role USER admin|member|viewer [--execute]
 * npm run user -- set-scope USER [--pages fund,ledger] [--strategies a,b] [--accounts X,Y] [--execute]
 *                 (no list flag = no limit on it; `--pages ''` = none; no flags at all = no limits)
 * npm run user -- disable USER [--execute] | enable USER [--execute]
 * npm run user -- set-password USER [--execute] [--password-stdin]
 * npm run user -- revoke-sessions USER [--execute]
 * npm run user -- reset-2fa USER [--execute]   (forget their two-factor set-up; sessions end)
 * Manage existing logins (docs/access-control.md). Every change ends the user's sessions (a new
 * role or scope applies from their next login) and is written to the audit log as
 * `cli:<system user>`. Nothing is written without --execute. Same rules as create-user.
 */
import { drizzle } from 'drizzle-orm/mysql2';
import { loadEnv } from '../lib/core/env';
import { pendingMigrations, readMigrations } from '../lib/db/dashboards/migrate';
import * as schema from '../lib/db/dashboards/schema';
import { listUsers } from '../lib/db/dashboards/users';
import {
  AccountError,
  checkNewPassword,
  requireUserNamed,
  resetPassword,
  revokeSessions,
  roleFromInput,
  setDisabled,
  setRole,
  setScope,
} from '../lib/auth/accounts';
import { describeScope, parseStoredScope, roleOf, validateScope } from '../lib/auth/domain/access';
import { resetTwoFactor } from '../lib/auth/totp-account';
import { findTotp } from '../lib/auth/totp-store';
import { cliActor } from './lib/actor';
import { connectOnce } from './lib/db';
import { bold, flagValue, green, hasFlag, runCli, UsageError, yellow } from './lib/cli';
import { Prompter, readStdin } from './lib/prompt';

const COMMANDS = [
  'list',
  'set-role',
  'set-scope',
  'disable',
  'enable',
  'set-password',
  'revoke-sessions',
  'reset-2fa',
];
const USAGE =
  'usage: npm run user -- list | set-role USER ROLE | set-scope USER [--pages P,..] [--strategies S,..] [--accounts A,..] | disable USER | enable USER | set-password USER [--password-stdin] | revoke-sessions USER | reset-2fa USER   (changes need --execute)';
const VALUE_FLAGS = ['--pages', '--strategies', '--accounts'];

/** Positional arguments: everything but flags and the values of value flags. */
function positionals(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (VALUE_FLAGS.includes(args[i])) i++;
    else if (!args[i].startsWith('--')) out.push(args[i]);
  }
  return out;
}

const list = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

runCli(async (args) => {
  const [command, username, value] = positionals(args);
  const execute = hasFlag(args, '--execute');
  if (!COMMANDS.includes(command ?? '')) throw new UsageError(USAGE);
  if (command !== 'list' && !username) throw new UsageError(`${command} needs a USER. ${USAGE}`);
  if (command === 'set-role' && !value) throw new UsageError(`set-role needs a ROLE. ${USAGE}`);

  const env = loadEnv();
  const conn = await connectOnce(env.dashboardDb, 'dashboards');
  const db = drizzle({ client: conn, schema, mode: 'default' });
  const by = cliActor(`npm run user -- ${command}`);
  const dryRun = (what: string) => {
    console.log(yellow(`Dry run: ${what} was NOT done. Add --execute.`));
    return 0;
  };
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
          [
            u.username,
            roleOf(u.userType) === u.userType ? u.userType : `${u.userType} (read as VIEWER)`,
            `created ${u.timeCreated.toISOString().slice(0, 10)}`,
            u.uniqueId,
            u.timeDisabled ? 'disabled' : 'enabled',
            `sees ${describeScope(parseStoredScope(u.accessScope))}`,
          ].join('\t'),
        );
      return 0;
    }

    const found = await requireUserNamed(db, username).catch(refused);

    if (command === 'set-role') {
      const role = (() => {
        try {
          return roleFromInput(value);
        } catch (err) {
          return refused(err);
        }
      })();
      if (!execute) return dryRun(`making "${username}" ${role}`);
      await setRole(db, found, role, by).catch(refused);
      console.log(green(`${bold(username)} is now ${role}; their sessions have ended.`));
      return 0;
    }
    if (command === 'set-scope') {
      const raw = {
        pages: list(flagValue(args, '--pages')),
        strategies: list(flagValue(args, '--strategies')),
        accounts: list(flagValue(args, '--accounts')),
      };
      let scope;
      try {
        scope = validateScope(
          Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
        );
      } catch (err) {
        return refused(err);
      }
      if (!execute) return dryRun(`limiting "${username}" to ${describeScope(scope)}`);
      await setScope(db, found, scope, by);
      console.log(
        green(`${bold(username)} now sees ${describeScope(scope)}; their sessions have ended.`),
      );
      if (roleOf(found.userType) === 'ADMIN')
        console.log(yellow('Note: admins see everything whatever their scope.'));
      return 0;
    }
    if (command === 'disable' || command === 'enable') {
      const disable = command === 'disable';
      if (!execute) return dryRun(`${command} "${username}"`);
      await setDisabled(db, found, disable, by).catch(refused);
      console.log(
        green(
          disable
            ? `${bold(username)} is disabled: they cannot log in and their sessions have ended.`
            : `${bold(username)} can log in again.`,
        ),
      );
      return 0;
    }
    if (command === 'reset-2fa') {
      if (!(await findTotp(db, found.userId)))
        return refused(new AccountError(`"${username}" has no two-factor authentication`));
      if (!execute) return dryRun(`resetting the two-factor sign-in of "${username}"`);
      await resetTwoFactor(db, found, by).catch(refused);
      console.log(
        green(
          `Two-factor sign-in of ${bold(username)} reset: they log in with the password alone (and set it up again) and their sessions have ended.`,
        ),
      );
      return 0;
    }
    if (command === 'revoke-sessions') {
      if (!execute) {
        console.log(
          yellow(`Dry run: the sessions of "${username}" were NOT ended. Add --execute.`),
        );
        return 0;
      }
      await revokeSessions(db, found, by);
      console.log(green(`Ended every session of ${bold(username)}; they must log in again.`));
      return 0;
    }

    let password: string;
    if (hasFlag(args, '--password-stdin')) password = await readStdin();
    else {
      const prompter = new Prompter();
      password = await prompter.ask('New password (hidden): ', { hidden: true });
      try {
        checkNewPassword(password);
      } catch (err) {
        return refused(err);
      }
      const again = await prompter.ask('New password again: ', { hidden: true });
      if (again !== password) throw new UsageError('Refused: the two passwords differ.');
    }
    try {
      checkNewPassword(password);
    } catch (err) {
      return refused(err);
    }
    if (!execute) {
      console.log(
        yellow(`Dry run: the new password is valid but was NOT set. Add --execute to set it.`),
      );
      return 0;
    }
    await resetPassword(db, found, password, by);
    console.log(
      green(`New password set for ${bold(username)}; every session of the user has ended.`),
    );
    return 0;
  } finally {
    await conn.end();
    process.stdin.destroy();
  }
});

/** An AccountError becomes the CLI's usage error ("Refused: ..."), anything else is rethrown. */
function refused(err: unknown): never {
  if (err instanceof AccountError) throw new UsageError(`Refused: ${err.message}.`);
  throw err;
}
