/**
 * What `npm run demo` keeps under its data directory (default `.data/`, gitignored):
 *   mariadb/                 the private MariaDB's datadir (root password beside it)
 *   mariadb-port             the port it used last time, reused when still free
 *   demo-secrets.json  600   cookie secret and the database users' passwords
 *   demo-login.txt     600   the demo login, printed on every start
 *   demo-state.json          the generated history's parameters, once it is complete
 *   demo.pids                pids of the running MariaDB and app server (for tests and humans)
 *   logs/                    output of migrate, create-user and next build
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface DemoSecrets {
  cookieSecret: string;
  /** Passwords of the MariaDB users the demo creates. */
  readOnlyPassword: string;
  seedPassword: string;
  dashboardsPassword: string;
}

export interface SeedState {
  seed: number;
  days: number;
  end: string;
  fills: number;
}

export class DemoState {
  readonly mariadbDir: string;
  readonly logDir: string;

  constructor(readonly dir: string) {
    this.mariadbDir = path.join(dir, 'mariadb');
    this.logDir = path.join(dir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  private readJson<T>(name: string): T | null {
    return existsSync(this.file(name))
      ? (JSON.parse(readFileSync(this.file(name), 'utf8')) as T)
      : null;
  }

  private writePrivate(name: string, text: string): void {
    writeFileSync(this.file(name), text, { mode: 0o600 });
    chmodSync(this.file(name), 0o600);
  }

  /** Generated on the first run, then reused so that the databases' users keep working. */
  secrets(): DemoSecrets {
    const existing = this.readJson<DemoSecrets>('demo-secrets.json');
    if (existing) return existing;
    const token = (bytes: number) => randomBytes(bytes).toString('base64url');
    const secrets = {
      cookieSecret: token(48),
      readOnlyPassword: token(18),
      seedPassword: token(18),
      dashboardsPassword: token(18),
    };
    this.writePrivate('demo-secrets.json', `${JSON.stringify(secrets, null, 2)}\n`);
    return secrets;
  }

  /** The demo login's password, or null before the account exists. */
  loginPassword(): string | null {
    if (!existsSync(this.file('demo-login.txt'))) return null;
    return /^password: (.+)$/m.exec(readFileSync(this.file('demo-login.txt'), 'utf8'))?.[1] ?? null;
  }

  saveLogin(username: string, password: string): void {
    this.writePrivate('demo-login.txt', `username: ${username}\npassword: ${password}\n`);
  }

  seedState(): SeedState | null {
    return this.readJson<SeedState>('demo-state.json');
  }

  saveSeedState(state: SeedState | null): void {
    if (state === null) rmSync(this.file('demo-state.json'), { force: true });
    else writeFileSync(this.file('demo-state.json'), `${JSON.stringify(state, null, 2)}\n`);
  }

  savePids(pids: { mariadb: number; server?: number }): void {
    writeFileSync(this.file('demo.pids'), `${JSON.stringify(pids)}\n`);
  }

  clearPids(): void {
    rmSync(this.file('demo.pids'), { force: true });
  }

  /** Last run's MariaDB port if it is still free, else the first free one from 3307 up. */
  async mariadbPort(): Promise<number> {
    const saved = Number(
      existsSync(this.file('mariadb-port')) ? readFileSync(this.file('mariadb-port'), 'utf8') : NaN,
    );
    let port = Number.isInteger(saved) && (await isPortFree(saved, '127.0.0.1')) ? saved : 0;
    for (let p = 3307; port === 0 && p < 3400; p++) if (await isPortFree(p, '127.0.0.1')) port = p;
    if (port === 0) throw new Error('No free port for MariaDB between 3307 and 3399');
    writeFileSync(this.file('mariadb-port'), `${port}\n`);
    return port;
  }
}

/** Whether nothing listens on `port` (on `host`; all interfaces when omitted). */
export function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
