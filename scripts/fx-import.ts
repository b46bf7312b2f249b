/**
 * npm run fx:import -- <file.csv> [--execute]
 * Loads exchange rates (USD per unit, or OXR-style units per USD; see lib/fund/rate-csv.ts)
 * into the dashboards database's fx_rate table, where the fund view prefers them to the
 * trading database's own rates. Without --execute: checks the file, says what it would write,
 * changes nothing. With it: writes (a rate already imported for that day is replaced).
 */
import { readFileSync } from 'node:fs';
import type { RowDataPacket } from 'mysql2/promise';
import { loadEnv, redactCredential } from '../lib/core/env';
import { createPool, rethrowDbError } from '../lib/db/pool';
import { parseRateCsv } from '../lib/fund/rate-csv';
import { writeRates } from '../lib/fund/rate-store';
import { bold, green, hasFlag, red, runCli, UsageError, yellow } from './lib/cli';

runCli(async (args) => {
  const execute = hasFlag(args, '--execute');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file)
    throw new UsageError(
      'usage: npm run fx:import -- <file.csv> [--execute]   (columns: date,currency,usd_rate or date,currency,units_per_usd)',
    );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const parsed = parseRateCsv(text);
  if (parsed.errors.length > 0) {
    for (const e of parsed.errors.slice(0, 20)) console.error(red(e));
    if (parsed.errors.length > 20) console.error(red(`… and ${parsed.errors.length - 20} more`));
    console.error(red(`${file}: ${parsed.errors.length} bad line(s); nothing was imported.`));
    return 1;
  }
  const currencies = [...new Set(parsed.rates.map((r) => r.currency))].sort();
  const days = parsed.rates.map((r) => r.day).sort();
  console.log(
    bold(
      `${file}: ${parsed.rates.length} rate(s) (${parsed.format === 'usd_rate' ? 'USD per unit' : 'units per USD, inverted'}) for ${currencies.join(', ') || 'no currency'}`,
    ) +
      (days.length ? `, ${days[0]} to ${days[days.length - 1]}` : '') +
      (parsed.skippedUsd ? ` (${parsed.skippedUsd} USD row(s) skipped: USD is always 1)` : ''),
  );
  const env = loadEnv();
  const pool = createPool(env.dashboardDb, 'dashboards', { connectionLimit: 1, sessionSetup: [] });
  try {
    const [existing] = await pool
      .query<RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM `fx_rate` WHERE `source` = 'import' AND `currency` IN (?) AND `day` >= ? AND `day` <= ?",
        [
          currencies.length ? currencies : [''],
          days[0] ?? '1970-01-01',
          days[days.length - 1] ?? '1970-01-01',
        ],
      )
      .catch((err) => rethrowDbError(err, pool));
    const replaced = Number(existing[0].n);
    if (!execute) {
      console.log(
        yellow(
          `Dry run: nothing was changed (${replaced} imported rate(s) in that range would be replaced). Run with --execute to write into ${redactCredential(env.dashboardDb)}.`,
        ),
      );
      return 0;
    }
    await writeRates(pool, 'import', parsed.rates, new Date());
    console.log(
      green(`Imported ${parsed.rates.length} rate(s) into ${redactCredential(env.dashboardDb)}.`),
    );
    return 0;
  } finally {
    await pool.end();
  }
});
