/**
 * `npm run seed -- [--seed N] [--days N] [--trades N] [--end ISO] [--reset] [--db-url URL]`
 * Generates a believable Gryphon trading history into a database with Gryphon's schema.
 * Target: --db-url, else SEED_DB_CRED, else TRADING_DB_CRED (environment or .env).
 */
import { parse as parseDotenv } from 'dotenv';
import { existsSync, readFileSync } from 'node:fs';
import { parseDbCredential, type DbCredential } from '@/lib/core/env';
import { BadRequestError, ConfigError } from '@/lib/core/errors';
import { parseSeedArgs, SEED_USAGE } from '@/lib/seed/cli-args';
import { seedTradingDb } from './seed/run';

/** The write credential: the app's TRADING_DB_CRED is normally read-only, so SEED_DB_CRED comes first. */
function targetCredential(dbUrl: string | undefined): { key: string; cred: DbCredential } {
  const fromFile = existsSync('.env') ? parseDotenv(readFileSync('.env', 'utf8')) : {};
  const lookup = (key: string) =>
    [process.env[key], fromFile[key]].find((v) => v !== undefined && v.trim() !== '');
  if (dbUrl !== undefined) return { key: '--db-url', cred: parseDbCredential('--db-url', dbUrl) };
  for (const key of ['SEED_DB_CRED', 'TRADING_DB_CRED']) {
    const value = lookup(key);
    if (value !== undefined) return { key, cred: parseDbCredential(key, value) };
  }
  throw new ConfigError(
    'No target database: pass --db-url mysql://user:password@127.0.0.1:3306/trading or set SEED_DB_CRED ' +
      '(a user that may write; the app itself only needs a read-only TRADING_DB_CRED)',
  );
}

async function main(): Promise<number> {
  const args = parseSeedArgs(process.argv.slice(2), new Date());
  if (args.help) {
    console.log(SEED_USAGE);
    return 0;
  }
  const { key, cred } = targetCredential(args.dbUrl);
  const result = await seedTradingDb({
    ...args,
    cred,
    progress: args.progress && Boolean(process.stderr.isTTY),
  });
  const { summary: s } = result;
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(
    [
      `Generated ${s.start.toISOString()} .. ${s.end.toISOString()} into ${key}'s database:`,
      `  ${n(s.fills)} fills, ${n(s.rows.order)} orders (${n(s.orders.FILLED)} filled, ${n(s.orders.CANCELLED)} cancelled, ${n(s.orders.OPEN)} open),`,
      `  ${n(s.rows.transaction)} transactions (${n(s.transactions.IN_TRANSIT)} in transit), ${n(s.rows.event)} audit events, ` +
        `${n(s.rows.exchange)} accounts, ${n(s.rows.liability)} liabilities`,
      `  fills by actor: ${Object.entries(s.fillsByActor)
        .map(([a, k]) => `${a} ${n(k)}`)
        .join(', ')}`,
      `Inserted in ${result.seconds.toFixed(1)} s with ${result.method}: ${n(Math.round(result.fillsPerSecond))} fills/s ` +
        `(${n(Math.round(result.rowsPerSecond))} rows/s, all tables)`,
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof BadRequestError || err instanceof ConfigError)
      console.error(`seed: ${err.message}`);
    else console.error('seed failed:', err instanceof Error ? err.message : err);
    if (/_DENIED/.test(String((err as { code?: unknown }).code ?? ''))) {
      console.error(
        'seed: this user may not write: pass --db-url or set SEED_DB_CRED to a user with write access',
      );
    }
    process.exit(1);
  },
);
