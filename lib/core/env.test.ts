import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { loadEnv, parseDbCredential, redactCredential, type DbCredential } from './env';

const SECRET = 'k'.repeat(48);
const BASE = {
  APP_COOKIE_SECRET: SECRET,
  DASHBOARD_DB_CRED: 'mysql://dash:pw@127.0.0.1:3306/dashboards?charset=utf8',
  TRADING_DB_CRED: 'mysql://ro:pw@127.0.0.1:3306/trading?charset=utf8',
};
const NO_DOTENV = path.join(os.tmpdir(), 'gryphon-env-test-no-such-dir');
const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function dirWithDotenv(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gryphon-env-test-'));
  tmpDirs.push(dir);
  fs.writeFileSync(path.join(dir, '.env'), text);
  return dir;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const cred = (c: Partial<DbCredential>): DbCredential => ({
  host: '127.0.0.1',
  port: 3306,
  user: 'u',
  password: 'p',
  database: 'db',
  charset: 'UTF8MB4_GENERAL_CI',
  ...c,
});

describe('parseDbCredential', () => {
  it.each<[string, DbCredential]>([
    ['mysql://u:p@127.0.0.1:3306/db?charset=utf8', cred({})],
    ['mysql://u:p@127.0.0.1/db', cred({})],
    [
      'mysql+pymysql://u:p@db.example.com:3307/db?charset=utf8mb4',
      cred({ host: 'db.example.com', port: 3307 }),
    ],
    ['mysql+mysqldb://u:p@127.0.0.1/db', cred({})],
    ['mysql+mysqlconnector://u:p@127.0.0.1/db', cred({})],
    ['mariadb://u:p@127.0.0.1/db', cred({})],
    ['mariadb+mariadbconnector://u:p@127.0.0.1/db', cred({})],
    ['MySQL://u:p@127.0.0.1/db?CHARSET=x&charset=UTF8', cred({})],
    [
      'mysql://u%40corp:p%40ss%3Aw%2Frd@127.0.0.1/db',
      cred({ user: 'u@corp', password: 'p@ss:w/rd' }),
    ],
    ['mysql://u:pa/ss@127.0.0.1/db', cred({ password: 'pa/ss' })],
    ['mysql://u@127.0.0.1/db', cred({ password: '' })],
    ['mysql://u:p@[::1]:3310/db', cred({ host: '::1', port: 3310 })],
    ['mysql://u:p@127.0.0.1/db?sslmode=require&pool_size=5', cred({})],
    [
      'mysql://u:p@localhost/db?unix_socket=/run/mysqld/mysqld.sock',
      cred({ host: 'localhost', socketPath: '/run/mysqld/mysqld.sock' }),
    ],
    [
      'mysql://u:p@/db?unix_socket=/tmp/my.sock&charset=utf8',
      cred({ host: 'localhost', socketPath: '/tmp/my.sock' }),
    ],
  ])('%s', (url, expected) => {
    expect(parseDbCredential('TRADING_DB_CRED', url)).toEqual(expected);
  });

  // A distinctive password that must never leak into a message, whatever is wrong.
  const PW = 'Zx9-TOPSECRET-pw';
  it.each<[string, RegExp]>([
    ['', /not a URL/],
    ['127.0.0.1:3306/trading', /not a URL/],
    [`u:${PW}@127.0.0.1/trading`, /not a URL/],
    [`postgresql://u:${PW}@127.0.0.1/trading`, /scheme "postgresql"/],
    [`mysql://u:${PW}@127.0.0.1:port/trading`, /port must be a number/],
    [`mysql://u:${PW}@127.0.0.1:70000/trading`, /port must be a number/],
    [`mysql://u:${PW}@127.0.0.1:3306`, /database name is missing/],
    [`mysql://u:${PW}@127.0.0.1:3306/`, /database name is missing/],
    [`mysql://:${PW}@127.0.0.1/trading`, /user name is missing/],
    [`mysql://u:${PW}@/trading`, /host is missing/],
    [`mysql://u:${PW}@@127.0.0.1/trading`, /contains "@"/],
    [`mysql://u:${PW}@x@127.0.0.1/trading`, /contains "@"/],
    [`mysql://u:${PW}%zz@127.0.0.1/trading`, /password has invalid percent-encoding/],
    [`mysql://u:${PW}@127.0.0.1/trading?charset=latin1`, /charset "latin1"/],
  ])('rejects %s', (url, why) => {
    const msg = messageOf(() => parseDbCredential('TRADING_DB_CRED', url));
    expect(msg).toMatch(why);
    expect(msg).toMatch(/^TRADING_DB_CRED is malformed: .*e\.g\. TRADING_DB_CRED=mysql:\/\//);
    expect(msg).not.toContain(PW);
    expect(msg).not.toContain('TOPSECRET');
    expect(msg).not.toContain('\n');
  });
});

describe('redactCredential', () => {
  it('shows user, host, port and database, never the password', () => {
    expect(redactCredential(cred({ password: 'hunter2' }))).toBe('u@127.0.0.1:3306/db');
    expect(redactCredential(cred({ host: 'localhost', socketPath: '/s.sock' }))).toBe(
      'u@localhost/db (socket /s.sock)',
    );
  });
});

describe('loadEnv', () => {
  it('applies defaults', () => {
    const env = loadEnv({ cwd: NO_DOTENV, env: BASE });
    expect(env).toEqual({
      cookieSecret: SECRET,
      dashboardDb: cred({ user: 'dash', password: 'pw', database: 'dashboards' }),
      tradingDb: cred({ user: 'ro', password: 'pw', database: 'trading' }),
      port: 8080,
      appEnv: 'LOCAL',
      isProduction: false,
      dbTimeouts: {
        dashboards: { statementMs: 10_000, acquireMs: 3_000 },
        trading: { statementMs: 60_000, acquireMs: 10_000 },
      },
      host: '127.0.0.1',
      trustedProxies: [],
      sessionMaxDays: 30,
      statements: { maxLines: 250_000, quota: 50 },
      auditRetentionDays: 365,
      require2fa: [],
      smtp: null,
      publicUrl: '',
    });
  });

  it('reads the SMTP settings (a URL, or the parts) and wants a sender with them', () => {
    expect(
      loadEnv({
        cwd: NO_DOTENV,
        env: { ...BASE, SMTP_URL: 'smtp://u:p@mail:25', SMTP_FROM: 'a@b.c' },
      }).smtp,
    ).toEqual({ url: 'smtp://u:p@mail:25', from: 'a@b.c' });
    expect(
      loadEnv({
        cwd: NO_DOTENV,
        env: { ...BASE, SMTP_HOST: 'mail', SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_FROM: 'a@b.c' },
      }).smtp,
    ).toEqual({ host: 'mail', port: 587, user: 'u', password: 'p', from: 'a@b.c' });
    expect(() => loadEnv({ cwd: NO_DOTENV, env: { ...BASE, SMTP_HOST: 'mail' } })).toThrow(
      /SMTP_FROM is missing/,
    );
    expect(() => loadEnv({ cwd: NO_DOTENV, env: { ...BASE, SMTP_URL: 'mail:25' } })).toThrow(
      /SMTP_URL must be/,
    );
    expect(
      loadEnv({ cwd: NO_DOTENV, env: { ...BASE, APP_PUBLIC_URL: 'https://d.example.com/' } })
        .publicUrl,
    ).toBe('https://d.example.com');
  });

  it.each<[Record<string, string>, Partial<ReturnType<typeof loadEnv>>]>([
    [{ APP_PORT: '3000' }, { port: 3000 }],
    [{ APP_PORT: '' }, { port: 8080 }],
    [{ APP_ENV: 'PRODUCTION' }, { appEnv: 'PRODUCTION', isProduction: true }],
    [{ APP_ENV: 'production' }, { appEnv: 'production', isProduction: true }],
    [{ APP_ENV: 'STAGING' }, { appEnv: 'STAGING', isProduction: false }],
    [{ EXCHANGE_RATE_APP_ID: 'abc123' }, { exchangeRateAppId: 'abc123' }],
    [
      { DASHBOARD_DB_STATEMENT_TIMEOUT: '2.5', TRADING_DB_ACQUIRE_TIMEOUT: '1' },
      {
        dbTimeouts: {
          dashboards: { statementMs: 2_500, acquireMs: 3_000 },
          trading: { statementMs: 60_000, acquireMs: 1_000 },
        },
      },
    ],
    [{ APP_HOST: '0.0.0.0' }, { host: '0.0.0.0' }],
    [
      { TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' },
      { trustedProxies: ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'] },
    ],
    [{ APP_SESSION_MAX_DAYS: '2.5' }, { sessionMaxDays: 2.5 }],
    [
      { STATEMENT_MAX_LINES: '1000', STATEMENT_QUOTA: '3' },
      { statements: { maxLines: 1000, quota: 3 } },
    ],
    [{ AUDIT_RETENTION_DAYS: '90' }, { auditRetentionDays: 90 }],
    [{ REQUIRE_2FA: 'all' }, { require2fa: ['ADMIN', 'MEMBER', 'VIEWER'] }],
    [{ REQUIRE_2FA: 'admin, Member,admin' }, { require2fa: ['ADMIN', 'MEMBER'] }],
  ])('optional keys %o', (extra, expected) => {
    expect(loadEnv({ cwd: NO_DOTENV, env: { ...BASE, ...extra } })).toMatchObject(expected);
  });

  it.each<[Record<string, string | undefined>, RegExp]>([
    [{ APP_COOKIE_SECRET: undefined }, /^APP_COOKIE_SECRET is missing: .*npm run cookie-secret/],
    [{ APP_COOKIE_SECRET: '   ' }, /^APP_COOKIE_SECRET is missing/],
    [
      { APP_COOKIE_SECRET: 'a'.repeat(31) },
      /^APP_COOKIE_SECRET is too short \(31 characters, need at least 32\).*npm run cookie-secret/,
    ],
    [
      { DASHBOARD_DB_CRED: undefined },
      /^DASHBOARD_DB_CRED is missing: set it in .env, e.g. DASHBOARD_DB_CRED=mysql:\/\//,
    ],
    [
      { TRADING_DB_CRED: undefined },
      /^TRADING_DB_CRED is missing: set it in .env, e.g. TRADING_DB_CRED=mysql:\/\/gryphon_ro:secret@127.0.0.1:3306\/trading\?charset=utf8$/,
    ],
    [{ TRADING_DB_CRED: 'nonsense' }, /^TRADING_DB_CRED is malformed/],
    [{ APP_PORT: '0' }, /^APP_PORT must be a port number from 1 to 65535, got "0"/],
    [{ APP_PORT: '65536' }, /^APP_PORT must be/],
    [{ APP_PORT: '80x' }, /^APP_PORT must be/],
    [
      { TRADING_DB_STATEMENT_TIMEOUT: '0' },
      /^TRADING_DB_STATEMENT_TIMEOUT must be a number of seconds from 0.1 to 3600, got "0"/,
    ],
    [{ DASHBOARD_DB_ACQUIRE_TIMEOUT: '5s' }, /^DASHBOARD_DB_ACQUIRE_TIMEOUT must be/],
    [
      { STATEMENT_QUOTA: '0' },
      /^STATEMENT_QUOTA must be a whole number from 1 to 100000000, got "0"/,
    ],
    [
      { REQUIRE_2FA: 'ADMIN,OWNER' },
      /^REQUIRE_2FA must be `all` or roles among ADMIN, MEMBER, VIEWER, got "OWNER"/,
    ],
    [
      { APP_COOKIE_SECRET: undefined, TRADING_DB_CRED: undefined },
      /^APP_COOKIE_SECRET is missing.*\(and 1 more problem in .env\)$/,
    ],
  ])('rejects %o', (override, expected) => {
    const msg = messageOf(() => loadEnv({ cwd: NO_DOTENV, env: { ...BASE, ...override } }));
    expect(msg).toMatch(expected);
    expect(msg).not.toContain('\n');
  });

  it('never shows a password from a malformed URL', () => {
    const msg = messageOf(() =>
      loadEnv({
        cwd: NO_DOTENV,
        env: { ...BASE, DASHBOARD_DB_CRED: 'mysql://u:Q7-ultra-secret@@h/db' },
      }),
    );
    expect(msg).toMatch(/^DASHBOARD_DB_CRED is malformed/);
    expect(msg).not.toContain('ultra-secret');
  });

  it('reads .env from cwd; real variables win; empty real variables do not hide .env', () => {
    const dir = dirWithDotenv(
      [
        '# comment',
        `APP_COOKIE_SECRET=${SECRET}`,
        'DASHBOARD_DB_CRED="mysql://dash:pw@127.0.0.1:3306/dashboards?charset=utf8"',
        `TRADING_DB_CRED=${BASE.TRADING_DB_CRED}`,
        'APP_PORT=9000',
        'APP_ENV=PRODUCTION',
      ].join('\n'),
    );
    expect(loadEnv({ cwd: dir, env: {} })).toMatchObject({
      port: 9000,
      isProduction: true,
      cookieSecret: SECRET,
    });
    const env = loadEnv({ cwd: dir, env: { APP_PORT: '9001', APP_ENV: '' } });
    expect(env).toMatchObject({ port: 9001, appEnv: 'PRODUCTION' });
  });

  it('does not copy .env into process.env', () => {
    const dir = dirWithDotenv(`APP_COOKIE_SECRET=${SECRET}\nGRYPHON_ENV_TEST_SENTINEL=1\n`);
    messageOf(() => loadEnv({ cwd: dir, env: {} }));
    expect(process.env.GRYPHON_ENV_TEST_SENTINEL).toBeUndefined();
    expect(process.env.APP_COOKIE_SECRET === SECRET).toBe(false);
  });
});

describe('login-related keys', () => {
  it.each([
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES must be comma-separated'],
    [{ TRUSTED_PROXIES: 'proxy.example' }, 'got "proxy.example"'],
    [{ APP_SESSION_MAX_DAYS: '0' }, 'APP_SESSION_MAX_DAYS must be a number of days above 0'],
    [{ APP_SESSION_MAX_DAYS: 'forever' }, 'APP_SESSION_MAX_DAYS'],
  ])('refuses %o', (extra, message) => {
    expect(() => loadEnv({ cwd: NO_DOTENV, env: { ...BASE, ...extra } })).toThrow(message);
  });
});
