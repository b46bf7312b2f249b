import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MariadbPaths {
  dataDir: string;
  socket: string;
  pidFile: string;
  errorLog: string;
  /** mariadbd's own stdout/stderr (kept out of the caller's terminal). */
  outputLog: string;
  /** Root password, mode 600, next to (not inside) the data dir. */
  passwordFile: string;
}

// Unix socket paths are limited to 108 bytes; stay well below.
const MAX_SOCKET_PATH = 100;

export function pathsFor(dataDir: string): MariadbPaths {
  const besideDataDir = `${dataDir}.sock`;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return {
    dataDir,
    socket:
      besideDataDir.length < MAX_SOCKET_PATH
        ? besideDataDir
        : path.join(os.tmpdir(), `mariadb-${hash}.sock`),
    pidFile: path.join(dataDir, 'mariadbd.pid'),
    errorLog: path.join(dataDir, 'error.log'),
    outputLog: `${dataDir}.out.log`,
    passwordFile: `${dataDir}.root-password`,
  };
}

/** Last lines of the server's error log and console output, for failure messages. */
export function logTail(paths: MariadbPaths, lines = 25): string {
  const read = (file: string): string => {
    try {
      return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  const parts = [
    [paths.errorLog, read(paths.errorLog)],
    [paths.outputLog, read(paths.outputLog)],
  ].filter(([, text]) => text);
  return (
    parts.map(([file, text]) => `--- ${file}\n${text}`).join('\n') || '(no server log written)'
  );
}
