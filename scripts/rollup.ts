/**
 * npm run rollup -- [--rebuild [--from YYYY-MM-DD]] [--verify]
 * The rollup of the trading history in the dashboards database (lib/rollup/). Without flags:
 * brings it up to date and says where it stands (the server does the same every minute).
 *   --rebuild             empties it and builds it again from the whole history;
 *   --rebuild --from DAY  recomputes the days from DAY (UTC) to the newest rolled-up one;
 *   --verify              compares every day's fill count with the trading database and
 *                         rebuilds the days that differ (the server checks the last two days
 *                         every minute and everything once a day).
 * Safe while servers run: it takes the same lock they do.
 */
import cliProgress from 'cli-progress';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { loadEnv } from '../lib/core/env';
import { createPool, rethrowFromPools } from '../lib/db/pool';
import { createTradingPool } from '../lib/db/trading/client';
import { DAY_MS } from '../lib/rollup/domain/buckets';
import {
  readRollupMark,
  rebuildDays,
  refreshRollup,
  resetRollup,
  rollupTarget,
  verifyRollup,
} from '../lib/rollup/refresh';
import {
  readQualityTime,
  refreshQualityRollup,
  resetQualityRollup,
  rewindQualityRollup,
} from '../lib/quality/rollup';
import { bold, flagValue, green, hasFlag, runCli, UsageError } from './lib/cli';

runCli(async (args) => {
  const known = ['--rebuild', '--from', '--verify'];
  const unknown = args.filter(
    (a, i) => a.startsWith('--') && !known.includes(a.split('=')[0]) && args[i - 1] !== '--from',
  );
  if (unknown.length)
    throw new UsageError(
      `unknown option ${unknown[0]}; usage: npm run rollup -- [--rebuild [--from YYYY-MM-DD]] [--verify]`,
    );
  const from = flagValue(args, '--from');
  if (from !== undefined && !/^\d{4}-\d\d-\d\d$/.test(from))
    throw new UsageError(`--from takes a UTC day, e.g. --from 2024-03-01 (got "${from}")`);
  if (from !== undefined && !hasFlag(args, '--rebuild'))
    throw new UsageError('--from goes with --rebuild');
  const env = loadEnv();
  const trading = createTradingPool(env.tradingDb, 2);
  const dashboards = createPool(env.dashboardDb, 'dashboards', {
    connectionLimit: 2,
    sessionSetup: [],
  });
  try {
    return await main(trading, dashboards, {
      rebuild: hasFlag(args, '--rebuild'),
      from: from ?? null,
      verify: hasFlag(args, '--verify'),
    });
  } catch (err) {
    return rethrowFromPools(err, [trading, dashboards]);
  } finally {
    await Promise.all([trading.end(), dashboards.end()]);
  }
});

/** A progress bar on stderr (a line every 5 s when not a terminal). */
function bar(label: string) {
  return new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} {unit}`,
      hideCursor: true,
      stream: process.stderr,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
}

async function main(
  trading: Pool,
  dashboards: Pool,
  opts: { rebuild: boolean; from: string | null; verify: boolean },
): Promise<number> {
  const now = new Date();
  if (opts.rebuild && opts.from) {
    const mark = await readRollupMark(dashboards);
    const [[last]] = await trading.query<RowDataPacket[]>(
      'SELECT `time_created` AS t FROM `trade` WHERE `trade_id` <= ? ORDER BY `trade_id` DESC LIMIT 1',
      [mark],
    );
    const first = Date.parse(`${opts.from}T00:00:00Z`);
    const lastDay = last
      ? Math.floor(Date.parse(`${String(last.t).replace(' ', 'T')}Z`) / DAY_MS) * DAY_MS
      : first;
    const days: number[] = [];
    for (let d = first; d <= lastDay; d += DAY_MS) days.push(d);
    const b = bar('rebuilding days');
    b.start(days.length, 0, { unit: 'days' });
    for (const d of days) {
      await rebuildDays(trading, dashboards, [d], now);
      b.increment();
    }
    b.stop();
    await rewindQualityRollup(dashboards, first, now);
    console.log(green(`rebuilt ${days.length} day(s) from ${opts.from}`));
  } else if (opts.rebuild) {
    await resetRollup(dashboards, now);
    await resetQualityRollup(dashboards, now);
    console.log('emptied the rollup; building it again from the whole history');
  }
  if (!opts.from) {
    const target = await rollupTarget(trading, now);
    const start = await readRollupMark(dashboards);
    const b = bar('rolling up');
    b.start(Math.max(target, 1), Math.min(start, target), { unit: 'trade ids' });
    const p = await refreshRollup(trading, dashboards, {
      budgetMs: Number.POSITIVE_INFINITY,
      now,
      onChunk: (x) => b.update(x.mark),
    });
    b.stop();
    console.log(green(`up to date: fills with trade_id <= ${p.mark} are rolled up`));
  }
  if (opts.verify) {
    const v = await verifyRollup(trading, dashboards, { since: null, now });
    if (v.rebuilt.length)
      await rewindQualityRollup(dashboards, Date.parse(`${v.rebuilt[0]}T00:00:00Z`), now);
    console.log(
      v.rebuilt.length
        ? bold(
            `checked ${v.checkedDays} day(s); rebuilt ${v.rebuilt.length} that differed: ${v.rebuilt.join(', ')}`,
          )
        : green(`checked ${v.checkedDays} day(s): every count matches`),
    );
  }
  // The markouts (quality view) follow the rollup a UTC day at a time: about 1,700 fills a
  // second, so hours on a history of millions of fills; a bar says how far it has got.
  const markouts = {
    bar: null as ReturnType<typeof bar> | null,
    from: await readQualityTime(dashboards),
  };
  const q = await refreshQualityRollup(trading, dashboards, {
    budgetMs: Number.POSITIVE_INFINITY,
    now,
    onStretch: (to, limit) => {
      if (markouts.bar === null) {
        // Without a stored time it started at the first fill's day, this stretch's own.
        if (markouts.from === 0) markouts.from = Math.floor((to - 1) / DAY_MS) * DAY_MS;
        markouts.bar = bar('markouts');
        markouts.bar.start(Math.max(1, Math.ceil((limit - markouts.from) / DAY_MS)), 0, {
          unit: 'days',
        });
      }
      markouts.bar.update(Math.ceil((to - markouts.from) / DAY_MS));
    },
  });
  markouts.bar?.stop();
  console.log(
    green(`markouts (quality view) rolled up to ${new Date(q.qualityTime).toISOString()}`),
  );
  return 0;
}
