import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, isProcessAlive, sleep } from '@/scripts/lib/process-utils';

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Exit code of `child`, or null if it is still running after `ms`. */
function exitWithin(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('npm run demo', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gryphon-demo-'));
  let demo: ChildProcess | null = null;
  let output = '';

  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      demo.kill('SIGTERM');
      await exitWithin(demo, 30_000);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'serves the login page, and Ctrl-C stops the server and its MariaDB',
    { timeout: 900_000 },
    async () => {
      const appPort = await findFreePort();
      // Vitest's NODE_ENV=test must not reach next build / next start.
      const env: Record<string, string | undefined> = { ...process.env, APP_PORT: String(appPort) };
      delete env.NODE_ENV;
      // One node process (no npm/tsx wrappers), so the test signals the demo itself, as a terminal would.
      const args = [
        '--conditions=react-server',
        '--import',
        'tsx',
        'scripts/demo.ts',
        '--data-dir',
        dataDir,
        '--days',
        '3',
      ];
      const child = spawn(process.execPath, args, {
        cwd: REPO_ROOT,
        env: env as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      demo = child;
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

      const deadline = Date.now() + 840_000;
      while (Date.now() < deadline && child.exitCode === null && !output.includes('demo: ready'))
        await sleep(500);
      expect(output, output).toContain('demo: ready');
      const res = await fetch(`http://127.0.0.1:${appPort}/login`);
      expect(res.status).toBe(200);
      const login = readFileSync(path.join(dataDir, 'demo-login.txt'), 'utf8');
      expect(login).toMatch(/^username: demo\npassword: .{12,}\n$/);
      const pids = JSON.parse(readFileSync(path.join(dataDir, 'demo.pids'), 'utf8')) as {
        mariadb: number;
        server: number;
      };

      child.kill('SIGINT');
      expect(await exitWithin(child, 60_000)).toBe(0);
      expect(isProcessAlive(pids.mariadb)).toBe(false);
      expect(isProcessAlive(pids.server)).toBe(false);
      await expect(fetch(`http://127.0.0.1:${appPort}/login`)).rejects.toThrow();
      expect(output).toContain('stopping the app server and MariaDB');
    },
  );
});
