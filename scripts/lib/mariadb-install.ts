import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

// Debian puts mariadbd in /usr/sbin, which is not on a normal user's PATH.
const EXTRA_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

export type MariadbBinary = 'mariadbd' | 'mariadb-install-db' | 'mariadb-admin';

/** Absolute path of a MariaDB executable, or null when it is not installed. */
export function findMariadbBinary(name: MariadbBinary): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

export function requireMariadbBinary(name: MariadbBinary): string {
  const found = findMariadbBinary(name);
  if (!found)
    throw new Error(
      `MariaDB is not installed (no ${name}): run \`sudo apt-get install mariadb-server\``,
    );
  return found;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

// One install attempt per process, shared by concurrent callers.
let installing: Promise<void> | null = null;

/**
 * Makes sure mariadbd and mariadb-install-db exist. As root, installs Debian's packages
 * (apt-get update once, then install); otherwise throws with the command to run.
 */
export async function ensureMariadbInstalled(): Promise<void> {
  if (findMariadbBinary('mariadbd') && findMariadbBinary('mariadb-install-db')) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error('MariaDB is not installed: run `sudo apt-get install mariadb-server`');
  }
  installing ??= (async () => {
    process.stderr.write(
      'MariaDB is missing: installing mariadb-server and mariadb-client with apt-get\n',
    );
    await run('apt-get', ['update']);
    await run('apt-get', [
      'install',
      '-y',
      '--no-install-recommends',
      'mariadb-server',
      'mariadb-client',
    ]);
  })();
  await installing;
  requireMariadbBinary('mariadbd');
  requireMariadbBinary('mariadb-install-db');
}
