import { parseArgs } from 'node:util';
import { BadRequestError } from '../core/errors';

export interface SeedCliArgs {
  seed: number;
  days: number;
  /** Undefined: DEFAULT_FILLS_PER_DAY × days. */
  trades?: number;
  end: Date;
  reset: boolean;
  dbUrl?: string;
  method?: 'load-data' | 'insert';
  batchSize?: number;
  progress: boolean;
  help: boolean;
}

export const SEED_USAGE = `Usage: npm run seed -- [options]

Writes a generated Gryphon trading history into SEED_DB_CRED's database (else TRADING_DB_CRED's).
The user needs write access: the app's own read-only TRADING_DB_CRED will not do.

  --seed N        random seed; the same seed and options give the same rows (default 1)
  --days N        length of the history in days (default 90)
  --trades N      number of fills (default 1,200 a day); e.g. --trades 10000000 for a benchmark
  --end ISO       end of the history, UTC (default: now), e.g. --end 2025-01-01T00:00:00Z
  --reset         drop and recreate Gryphon's tables first (required if they hold data)
  --db-url URL    target database, mysql://user:password@host:port/db (overrides SEED_DB_CRED)
  --method M      load-data (LOAD DATA LOCAL INFILE) or insert (multi-row INSERT); default: load-data if allowed
  --batch-size N  rows per insert (default 10000)
  --no-progress   no progress bar`;

/** Whole numbers may be written 10000000, 10_000_000, 10,000,000 or 1e7. */
function positiveNumber(
  flag: string,
  value: string | undefined,
  integer: boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    const what = integer ? 'a positive whole number' : 'a positive number';
    throw new BadRequestError(
      `--${flag} must be ${what}, got "${value}"`,
      flag,
      `--${flag} ${integer ? '1000' : '90'}`,
    );
  }
  return n;
}

export function parseSeedArgs(argv: string[], now: Date): SeedCliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowNegative: true,
      options: {
        seed: { type: 'string' },
        days: { type: 'string' },
        trades: { type: 'string' },
        end: { type: 'string' },
        reset: { type: 'boolean' },
        'db-url': { type: 'string' },
        method: { type: 'string' },
        'batch-size': { type: 'string' },
        progress: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new BadRequestError(`${(err as Error).message.split('\n')[0]} (see --help)`);
  }
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isSafeInteger(seed))
    throw new BadRequestError(
      `--seed must be a whole number, got "${values.seed}"`,
      'seed',
      '--seed 42',
    );
  const days = positiveNumber('days', values.days, false) ?? 90;
  if (days * 1440 < 60)
    throw new BadRequestError('--days must cover at least one hour (0.05)', 'days', '--days 1');
  let end = now;
  if (values.end !== undefined) {
    end = new Date(
      /(Z|[+-]\d\d:?\d\d)$/.test(values.end) || !values.end.includes('T')
        ? values.end
        : `${values.end}Z`,
    );
    if (Number.isNaN(end.getTime())) {
      throw new BadRequestError(
        `--end must be an ISO 8601 date-time, got "${values.end}"`,
        'end',
        '--end 2025-01-01T00:00:00Z',
      );
    }
  }
  const method = values.method;
  if (method !== undefined && method !== 'load-data' && method !== 'insert') {
    throw new BadRequestError(
      `--method must be load-data or insert, got "${method}"`,
      'method',
      '--method insert',
    );
  }
  return {
    seed,
    days,
    trades: positiveNumber('trades', values.trades, true),
    end,
    reset: values.reset ?? false,
    dbUrl: values['db-url'],
    method,
    batchSize: positiveNumber('batch-size', values['batch-size'], true),
    progress: values.progress ?? true,
    help: values.help ?? false,
  };
}
