import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const HASH_FILE = '.next/BUILD_SOURCE_HASH';

// What `next build` reads. Tests and scripts are left out so editing them never forces a rebuild.
const SOURCE_DIRS = ['app', 'lib', 'ui', 'public'];
const SOURCE_FILES = [
  'proxy.ts',
  'middleware.ts',
  'next.config.mjs',
  'next.config.ts',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
const IGNORED = /(^|\/)(node_modules|\.next)(\/|$)|\.test\.tsx?$/;

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => path.join(dir, rel))
    .filter((file) => !IGNORED.test(path.relative(REPO_ROOT, file)) && statSync(file).isFile());
}

/** sha256 over the relative path and content of every build input, in a stable order. */
export function hashBuildSources(root = REPO_ROOT): string {
  const files = [
    ...SOURCE_DIRS.flatMap((dir) => listFiles(path.join(root, dir))),
    ...SOURCE_FILES.map((file) => path.join(root, file)).filter((file) => existsSync(file)),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function runNextBuild(log: (s: string) => void, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['next', 'build'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        log(line);
        tail.push(line);
        if (tail.length > 60) tail.shift();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`next build failed (exit ${code}):\n${tail.join('\n')}`)),
    );
  });
}

/**
 * Runs `next build` only when the build inputs changed since the last successful build
 * (hash kept in .next/BUILD_SOURCE_HASH), or when `force`. `env` is the build's environment
 * (default: this process's).
 */
export async function ensureNextBuild(
  opts: { log?: (s: string) => void; force?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<{ built: boolean }> {
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const hashFile = path.join(REPO_ROOT, HASH_FILE);
  const hash = hashBuildSources();
  const complete = existsSync(path.join(REPO_ROOT, '.next/BUILD_ID'));
  const previous = existsSync(hashFile) ? readFileSync(hashFile, 'utf8').trim() : null;
  if (!opts.force && complete && previous === hash) {
    log('next build: sources unchanged since the last build, reusing .next');
    return { built: false };
  }
  log(
    `next build: ${opts.force ? 'forced' : previous ? 'sources changed' : 'no previous build'}, building`,
  );
  const started = Date.now();
  // Vitest sets NODE_ENV=test, which `next build` would warn about and honour.
  await runNextBuild(log, {
    ...(opts.env ?? process.env),
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  });
  // `next build` empties .next first, so the hash is written only after it succeeded.
  writeFileSync(hashFile, `${hash}\n`);
  log(`next build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { built: true };
}
