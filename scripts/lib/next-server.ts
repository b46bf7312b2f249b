import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * NODE_OPTIONS for a server process: scripts/lib/peer-address.mjs preloaded, so the login limits
 * see the TCP peer's address (lib/auth/client-address.ts). `npm start` and the tests use it.
 */
export function withPeerAddress(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const preload = pathToFileURL(path.join(REPO_ROOT, 'scripts/lib/peer-address.mjs')).href;
  return {
    ...env,
    NODE_OPTIONS: [env.NODE_OPTIONS, `--import=${preload}`].filter(Boolean).join(' '),
  };
}

export function fileTail(file: string, lines = 40): string {
  if (!existsSync(file)) return '(no output)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs an npm/npx command in the repo, output to `logFile`; rejects with the output's tail. */
export function runLogged(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<void> {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const out = openSync(logFile, 'w');
  const child = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', out, out] });
  closeSync(out);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `\`${cmd} ${args.join(' ')}\` failed (exit ${code}); ${logFile}:\n${fileTail(logFile)}`,
            ),
          ),
    );
  });
}

export interface NextServer {
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** `next start` in its own process group (npx + next + workers), so stop() can end them all. */
export function startNextServer(port: number, env: NodeJS.ProcessEnv, logFile: string): NextServer {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const out = openSync(logFile, 'w');
  const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: REPO_ROOT,
    // Next.js collects anonymous usage data unless told not to: never from our servers.
    env: { ...withPeerAddress(env), NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // group already gone
    }
  };
  // A detached group outlives us unless killed: cover crashes and Ctrl-C of the test run too.
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);
  return {
    child,
    logFile,
    async stop() {
      process.off('exit', onExit);
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      // npx may exit before its children: make sure nothing of the group survives.
      killGroup('SIGKILL');
    },
  };
}

/** Waits until `url` answers 2xx/3xx; fails early if the server process exits. */
export async function waitForHttp(
  url: string,
  server: NextServer,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `next start exited before answering ${url}; ${server.logFile}:\n${fileTail(server.logFile)}`,
      );
    }
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      if (res.status >= 200 && res.status < 400) return;
      lastProblem = `HTTP ${res.status}`;
    } catch (err) {
      lastProblem = String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${url} did not answer 2xx/3xx within ${timeoutMs / 1000} s (${lastProblem}); ${server.logFile}:\n` +
      fileTail(server.logFile),
  );
}
