import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of our CLIs (scripts/<name>.ts) the way `npm run` does, from an empty working
 * directory so no developer .env or dashboard.conf leaks in; `env` replaces the app's keys.
 */
export function runScript(
  name: string,
  args: string[],
  opts: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<CliResult> {
  const cwd = opts.cwd ?? mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  const env = { NODE_ENV: 'production' } as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(APP_|DASHBOARD_DB_CRED|TRADING_DB_CRED|INIT_CWD)/.test(k))
      env[k] = v;
  }
  Object.assign(env, opts.env ?? {});
  return new Promise((resolve, reject) => {
    const child = spawn(
      tsx,
      ['--conditions=react-server', path.join(root, 'scripts', `${name}.ts`), ...args],
      {
        cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
