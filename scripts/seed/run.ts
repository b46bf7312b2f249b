import cliProgress from 'cli-progress';
import { redactCredential, type DbCredential } from '@/lib/core/env';
import {
  DEFAULT_FILLS_PER_DAY,
  generateHistory,
  type SeedOptions,
  type SeedSummary,
} from '@/lib/seed/generator';
import { BatchInserter, connect, type InsertMethod } from './inserter';
import { canLoadDataLocal, prepareTradingSchema } from './trading-schema';

export interface SeedRunOptions extends SeedOptions {
  cred: DbCredential;
  reset: boolean;
  /** Default: LOAD DATA LOCAL INFILE when the server allows it, else multi-row INSERTs. */
  method?: InsertMethod;
  /** Progress bar on stderr (default: when stderr is a terminal). */
  progress?: boolean;
  log?: (line: string) => void;
}

export interface SeedRunResult {
  summary: SeedSummary;
  method: InsertMethod;
  seconds: number;
  fillsPerSecond: number;
  rowsPerSecond: number;
}

/**
 * Generates a history and writes it into the credential's database (Gryphon's tables, created
 * if missing), streaming batches so memory stays flat at any size. Reports the insert rate.
 */
export async function seedTradingDb(opts: SeedRunOptions): Promise<SeedRunResult> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const admin = await connect(opts.cred, { multipleStatements: true });
  let method: InsertMethod;
  try {
    await prepareTradingSchema(admin, { reset: opts.reset });
    method = opts.method ?? ((await canLoadDataLocal(admin)) ? 'load-data' : 'insert');
  } finally {
    await admin.end();
  }

  const fills = opts.trades ?? Math.round(DEFAULT_FILLS_PER_DAY * opts.days);
  log(
    `seed: ${fills.toLocaleString('en-US')} fills over ${opts.days} days to ${opts.end.toISOString()}, ` +
      `seed ${opts.seed}, into ${redactCredential(opts.cred)} (${method})`,
  );
  const showBar = opts.progress ?? Boolean(process.stderr.isTTY);
  const bar = new cliProgress.SingleBar(
    {
      format:
        'seed |{bar}| {percentage}% {value}/{total} fills, {rate} fills/s, ETA {eta_formatted}',
      hideCursor: true,
      stream: process.stderr,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  if (showBar) bar.start(fills, 0, { rate: 0 });

  const inserter = await BatchInserter.open(opts.cred, method);
  const started = performance.now();
  let done = 0;
  let summary: SeedSummary;
  try {
    const gen = generateHistory(opts);
    for (let step = gen.next(); ; step = gen.next()) {
      if (step.done) {
        summary = step.value;
        break;
      }
      await inserter.insert(step.value);
      if (step.value.table === 'trade') {
        done += step.value.rows.length;
        if (showBar)
          bar.update(done, {
            rate: Math.round(done / ((performance.now() - started) / 1000)).toLocaleString('en-US'),
          });
      }
    }
    await inserter.flush();
  } finally {
    if (showBar) bar.stop();
    await inserter.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  return {
    summary,
    method,
    seconds,
    fillsPerSecond: summary.fills / seconds,
    rowsPerSecond: rows / seconds,
  };
}
