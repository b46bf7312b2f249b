import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Connection } from 'mysql2/promise';
import type { DbCredential } from '@/lib/core/env';
import { seedTradingDb } from '../seed/run';
import { dashboardUserExists, deleteDashboardUser, tradingFills } from './databases';
import { runNpmScript } from './processes';
import type { DemoState } from './state';

export const DEMO_USERNAME = 'demo';

/**
 * Generates the demo history unless a complete one is there already (demo-state.json is
 * written only after the last row, so an interrupted generation is redone from scratch).
 */
export async function ensureDemoHistory(
  root: Connection,
  state: DemoState,
  opts: { days: number; seed: number; cred: DbCredential; log: (line: string) => void },
): Promise<void> {
  const previous = state.seedState();
  const fills = await tradingFills(root);
  if (previous && fills === previous.fills) {
    opts.log(
      `reusing the trading history: ${previous.days} days to ${previous.end}, ${fills.toLocaleString('en-US')} fills (--reset regenerates)`,
    );
    if (previous.days !== opts.days || previous.seed !== opts.seed)
      opts.log('(--days and --seed apply only with --reset)');
    return;
  }
  state.saveSeedState(null);
  opts.log(`generating ${opts.days} days of trading history (seed ${opts.seed})`);
  const result = await seedTradingDb({
    cred: opts.cred,
    seed: opts.seed,
    days: opts.days,
    end: new Date(),
    reset: true,
    log: opts.log,
  });
  const s = result.summary;
  opts.log(
    `generated ${s.fills.toLocaleString('en-US')} fills and ${s.rows.order.toLocaleString('en-US')} orders ` +
      `in ${result.seconds.toFixed(1)} s (${Math.round(result.fillsPerSecond).toLocaleString('en-US')} fills/s)`,
  );
  state.saveSeedState({
    seed: opts.seed,
    days: opts.days,
    end: s.end.toISOString(),
    fills: s.fills,
  });
}

/**
 * Migrates the dashboards database (idempotent) and creates the demo account once, with a
 * password generated on the first run and kept in demo-login.txt.
 */
export async function ensureDemoLogin(
  root: Connection,
  state: DemoState,
  opts: { cwd: string; env: NodeJS.ProcessEnv; log: (line: string) => void },
): Promise<void> {
  const run = (script: string, args: string[], stdin?: string) =>
    runNpmScript(script, args, {
      cwd: opts.cwd,
      env: opts.env,
      logFile: path.join(state.logDir, `${script}.log`),
      stdin,
    });
  await run('migrate', ['--execute']);
  const password = state.loginPassword();
  if (password !== null && (await dashboardUserExists(root, DEMO_USERNAME))) return;
  // No account, or an account whose password we no longer know: (re)create it.
  await deleteDashboardUser(root, DEMO_USERNAME).catch(() => undefined);
  const fresh = password ?? randomBytes(12).toString('base64url');
  opts.log(`creating the dashboard login "${DEMO_USERNAME}"`);
  await run(
    'create-user',
    ['--execute', '--username', DEMO_USERNAME, '--password-stdin'],
    `${fresh}\n`,
  );
  state.saveLogin(DEMO_USERNAME, fresh);
}
