import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { isProcessAlive, sleep } from '../lib/process-utils';

function tail(file: string, lines = 30): string {
  return existsSync(file)
    ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
    : '';
}

/**
 * Runs `npm run <script> -- <args>` in `cwd` with `env`, `stdin` piped in, output to `logFile`.
 * Rejects with the command and the log's tail when it fails.
 */
export function runNpmScript(
  script: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; stdin?: string },
): Promise<void> {
  const out = openSync(opts.logFile, 'w');
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['pipe', out, out],
  });
  closeSync(out);
  child.stdin?.end(opts.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `\`npm run ${script}\` failed (${signal ?? `exit ${code}`}), see ${opts.logFile}:\n${tail(opts.logFile)}`,
          ),
        );
    });
  });
}

export interface AppServer {
  child: ChildProcess;
  exited: Promise<number>;
  stop(): Promise<void>;
}

/**
 * `npm start` in its own process group (npm, tsx, next and its workers), so that a Ctrl-C
 * reaches only us and we stop the server before its database. Output goes to our terminal.
 */
export function startAppServer(cwd: string, env: NodeJS.ProcessEnv): AppServer {
  const child = spawn('npm', ['start', '--silent'], {
    cwd,
    // Next.js telemetry off (scripts/start.ts passes the environment on to `next start`).
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const pid = child.pid as number;
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone
    }
  };
  return {
    child,
    exited,
    async stop() {
      signalGroup('SIGTERM');
      const deadline = Date.now() + 10_000;
      // Wait for every process of the group, not just npm: next's workers hold the port.
      while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
      if (groupAlive(pid)) signalGroup('SIGKILL');
      await exited;
    },
  };
}

/** Whether any process of the group led by `pgid` is still running. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return isProcessAlive(pgid);
  }
  return true;
}

/** Polls GET `url` until it answers 200; fails early if `gone()` becomes true. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  gone: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (gone()) throw new Error(`the app server exited before ${url} answered`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}
