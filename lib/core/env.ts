/**
 * The application's environment: `.env` in the working directory plus real environment
 * variables (which win). Parsed once with zod; this is the only module that reads process.env.
 */
import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { ConfigError } from './errors';
import { CREDENTIAL_EXAMPLES, parseDbCredential, type DbCredential } from './db-credential';

export { parseDbCredential, redactCredential, type DbCredential } from './db-credential';

export interface AppEnv {
  cookieSecret: string;
  dashboardDb: DbCredential;
  tradingDb: DbCredential;
  /** APP_PORT, default 8080. */
  port: number;
  /** APP_ENV as given, default 'LOCAL'. */
  appEnv: string;
  isProduction: boolean;
  exchangeRateAppId?: string;
  /** How long to wait for each database, in ms (*_DB_STATEMENT_TIMEOUT, *_DB_ACQUIRE_TIMEOUT). */
  dbTimeouts: Record<'dashboards' | 'trading', DbTimeouts>;
  /** APP_HOST, the address the server listens on; default 127.0.0.1 (only this machine). */
  host: string;
  /** TRUSTED_PROXIES: addresses/CIDRs whose X-Forwarded-For is believed; default none. */
  trustedProxies: string[];
  /** APP_SESSION_MAX_DAYS: a session ends this long after logging in, active or not; default 30. */
  sessionMaxDays: number;
  /** STATEMENT_MAX_LINES (default 250,000) and STATEMENT_QUOTA (default 50): statement uploads. */
  statements: { maxLines: number; quota: number };
  /** AUDIT_RETENTION_DAYS: audit events older than this are deleted; default 365. */
  auditRetentionDays: number;
  /** REQUIRE_2FA: the roles that must use two-factor sign-in (`all` = every role); default none. */
  require2fa: TwoFactorRole[];
  /** OIDC_*: sign-in with the firm's OpenID Connect provider; absent when not configured. */
  oidc?: OidcEnv;
  /** SMTP_URL, or SMTP_HOST/PORT/USER/PASSWORD, and SMTP_FROM: email channels; null = unset. */
  smtp: SmtpEnv | null;
  /** APP_PUBLIC_URL: the address users open, for links in notices; '' = links are paths. */
  publicUrl: string;
}

/** How to reach the mail server (nodemailer's transport options) and the sender. */
export interface SmtpEnv {
  /** smtp(s)://user:password@host:port, or the parts. */
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  from: string;
}

export interface OidcEnv {
  /** OIDC_ISSUER as given (it must equal the ID token's `iss`), e.g. https://sso.example.com. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** OIDC_NAME, the button's label ("Sign in with <name>"); default "single sign-on". */
  name: string;
  /** OIDC_AUTO_CREATE: an unknown user gets a VIEWER login instead of a refusal; default false. */
  autoCreate: boolean;
}

const TWO_FACTOR_ROLES = ['ADMIN', 'MEMBER', 'VIEWER'] as const;
export type TwoFactorRole = (typeof TWO_FACTOR_ROLES)[number];

/** A statement runs at most `statementMs`; a pooled connection is had within `acquireMs`. */
export interface DbTimeouts {
  statementMs: number;
  acquireMs: number;
}

const MIN_SECRET_LENGTH = 32;

/** Each key's own one-line message; the example is part of every message. */
const missing = (key: string, example: string) =>
  `${key} is missing: set it in .env, e.g. ${key}=${example}`;

function dbCred(key: 'DASHBOARD_DB_CRED' | 'TRADING_DB_CRED') {
  return z
    .string({ error: missing(key, CREDENTIAL_EXAMPLES[key]) })
    .transform((value, ctx): DbCredential => {
      try {
        return parseDbCredential(key, value);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        ctx.addIssue({ code: 'custom', message: err.message });
        return z.NEVER;
      }
    });
}

/** An optional whole number from 1 to 100 million. */
function positiveInt(key: string, fallback: number) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return fallback;
      const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
      if (n >= 1 && n <= 100_000_000) return n;
      ctx.addIssue({
        code: 'custom',
        message: `${key} must be a whole number from 1 to 100000000, got "${s}", e.g. ${key}=${fallback}`,
      });
      return z.NEVER;
    });
}

/**
 * Seconds (decimals allowed) -> ms. Short for our own small tables, longer for the heavy
 * queries on the trading history, so that a stopped or frozen database never holds a request.
 */
function seconds(key: string, defaultSeconds: number) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return defaultSeconds * 1000;
      const n = /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
      if (n >= 0.1 && n <= 3600) return Math.round(n * 1000);
      ctx.addIssue({
        code: 'custom',
        message: `${key} must be a number of seconds from 0.1 to 3600, got "${s}", e.g. ${key}=${defaultSeconds}`,
      });
      return z.NEVER;
    });
}

const EnvSchema = z.object({
  APP_COOKIE_SECRET: z
    .string({ error: missing('APP_COOKIE_SECRET', '<output of `npm run cookie-secret`>') })
    .refine((s) => s.length >= MIN_SECRET_LENGTH, {
      error: (issue) =>
        `APP_COOKIE_SECRET is too short (${String(issue.input).length} characters, need at least ` +
        `${MIN_SECRET_LENGTH}): make one with \`npm run cookie-secret\` and set APP_COOKIE_SECRET=<it> in .env`,
    }),
  DASHBOARD_DB_CRED: dbCred('DASHBOARD_DB_CRED'),
  TRADING_DB_CRED: dbCred('TRADING_DB_CRED'),
  APP_PORT: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return 8080;
      const n = /^\d{1,5}$/.test(s) ? Number(s) : NaN;
      if (n >= 1 && n <= 65535) return n;
      ctx.addIssue({
        code: 'custom',
        message: `APP_PORT must be a port number from 1 to 65535, got "${s}", e.g. APP_PORT=8080`,
      });
      return z.NEVER;
    }),
  APP_ENV: z.string().default('LOCAL'),
  EXCHANGE_RATE_APP_ID: z.string().optional(),
  DASHBOARD_DB_STATEMENT_TIMEOUT: seconds('DASHBOARD_DB_STATEMENT_TIMEOUT', 10),
  DASHBOARD_DB_ACQUIRE_TIMEOUT: seconds('DASHBOARD_DB_ACQUIRE_TIMEOUT', 3),
  TRADING_DB_STATEMENT_TIMEOUT: seconds('TRADING_DB_STATEMENT_TIMEOUT', 60),
  TRADING_DB_ACQUIRE_TIMEOUT: seconds('TRADING_DB_ACQUIRE_TIMEOUT', 10),
  APP_HOST: z.string().default('127.0.0.1'),
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((s, ctx) => {
      const list = (s ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const bad = list.find((p) => !isAddressOrCidr(p));
      if (bad === undefined) return list;
      ctx.addIssue({
        code: 'custom',
        message: `TRUSTED_PROXIES must be comma-separated addresses or CIDRs, got "${bad}", e.g. TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8`,
      });
      return z.NEVER;
    }),
  APP_SESSION_MAX_DAYS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return 30;
      const n = /^\d{1,4}(\.\d+)?$/.test(s) ? Number(s) : NaN;
      if (n > 0 && n <= 3650) return n;
      ctx.addIssue({
        code: 'custom',
        message: `APP_SESSION_MAX_DAYS must be a number of days above 0, got "${s}", e.g. APP_SESSION_MAX_DAYS=30`,
      });
      return z.NEVER;
    }),
  STATEMENT_MAX_LINES: positiveInt('STATEMENT_MAX_LINES', 250_000),
  STATEMENT_QUOTA: positiveInt('STATEMENT_QUOTA', 50),
  AUDIT_RETENTION_DAYS: positiveInt('AUDIT_RETENTION_DAYS', 365),
  REQUIRE_2FA: z
    .string()
    .optional()
    .transform((s, ctx): TwoFactorRole[] => {
      const list = (s ?? '')
        .split(',')
        .map((p) => p.trim().toUpperCase())
        .filter(Boolean);
      if (list.length === 1 && list[0] === 'ALL') return [...TWO_FACTOR_ROLES];
      const bad = list.find((r) => !(TWO_FACTOR_ROLES as readonly string[]).includes(r));
      if (bad === undefined) return [...new Set(list)] as TwoFactorRole[];
      ctx.addIssue({
        code: 'custom',
        message: `REQUIRE_2FA must be \`all\` or roles among ADMIN, MEMBER, VIEWER, got "${bad}", e.g. REQUIRE_2FA=ADMIN,MEMBER`,
      });
      return z.NEVER;
    }),
  OIDC_ISSUER: z
    .string()
    .optional()
    .refine((s) => s === undefined || issuerProblem(s) === null, {
      error: (issue) => `OIDC_ISSUER ${issuerProblem(String(issue.input))}`,
    }),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z
    .string()
    .max(40, { error: 'OIDC_NAME must be at most 40 characters, e.g. OIDC_NAME=Okta' })
    .optional(),
  OIDC_AUTO_CREATE: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return false;
      const v = s.toLowerCase();
      if (v === 'true' || v === 'false') return v === 'true';
      ctx.addIssue({
        code: 'custom',
        message: `OIDC_AUTO_CREATE must be true or false, got "${s}", e.g. OIDC_AUTO_CREATE=false`,
      });
      return z.NEVER;
    }),
  SMTP_URL: z
    .string()
    .optional()
    .refine((s) => s === undefined || /^smtps?:\/\/[^\s]+$/.test(s), {
      message:
        'SMTP_URL must be smtp://user:password@host:port or smtps://..., e.g. SMTP_URL=smtp://mail.example.com:587',
    }),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: positiveInt('SMTP_PORT', 587).refine((n) => n <= 65535, {
    message: 'SMTP_PORT must be a port number from 1 to 65535, e.g. SMTP_PORT=587',
  }),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  APP_PUBLIC_URL: z
    .string()
    .optional()
    .refine((s) => s === undefined || /^https?:\/\/[^\s]+$/.test(s), {
      message:
        'APP_PUBLIC_URL must be an http(s) address, e.g. APP_PUBLIC_URL=https://dashboards.example.com',
    }),
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why OIDC_ISSUER is unusable, or null. Plain http is for a provider on this machine only. */
function issuerProblem(s: string): string | null {
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return `must be the provider's URL, got "${s}", e.g. OIDC_ISSUER=https://sso.example.com`;
  }
  if (url.search || url.hash)
    return `must have no query or fragment, got "${s}", e.g. OIDC_ISSUER=https://sso.example.com`;
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return `must be an https:// URL (http:// only for a provider on this machine), got "${s}"`;
}

/** The OIDC keys: all three of issuer, client id and secret, or none (then no OIDC button). */
function oidcEnv(e: z.infer<typeof EnvSchema>): OidcEnv | undefined {
  const given = {
    OIDC_ISSUER: e.OIDC_ISSUER,
    OIDC_CLIENT_ID: e.OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET,
  };
  const lacking = Object.entries(given).filter(([, v]) => v === undefined);
  if (lacking.length === 3) {
    if (e.OIDC_NAME !== undefined || e.OIDC_AUTO_CREATE)
      throw new ConfigError(
        'OIDC_NAME/OIDC_AUTO_CREATE are set but OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not: set all three to enable OpenID Connect sign-in, e.g. OIDC_ISSUER=https://sso.example.com',
      );
    return undefined;
  }
  if (lacking.length > 0)
    throw new ConfigError(
      `${lacking.map(([k]) => k).join(' and ')} ${lacking.length > 1 ? 'are' : 'is'} missing: OpenID Connect sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, e.g. ${lacking[0][0]}=${lacking[0][0] === 'OIDC_ISSUER' ? 'https://sso.example.com' : '<from your provider>'}`,
    );
  return {
    issuer: e.OIDC_ISSUER as string,
    clientId: e.OIDC_CLIENT_ID as string,
    clientSecret: e.OIDC_CLIENT_SECRET as string,
    name: e.OIDC_NAME ?? 'single sign-on',
    autoCreate: e.OIDC_AUTO_CREATE,
  };
}

function isAddressOrCidr(s: string): boolean {
  const [address, bits, ...rest] = s.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const KEYS = Object.keys(EnvSchema.shape) as Array<keyof typeof EnvSchema.shape>;

/**
 * The directory the server or CLI was started in, where `.env` and `dashboard.conf` live (as in
 * Gryphon). `npm run` changes into the package directory but keeps the caller's in INIT_CWD.
 */
export function startDirectory(): string {
  return process.env.INIT_CWD || process.cwd();
}

function readDotenv(cwd: string): Record<string, string> {
  const file = path.join(/*turbopackIgnore: true*/ cwd, '.env');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(
      `.env cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): ${file}`,
    );
  }
  // dotenv's parse, not config(): nothing is copied into process.env behind our back.
  return parseDotenv(text);
}

/**
 * The app's keys as raw strings: `.env` in `dir` overlaid with the real environment (which
 * wins; an empty value counts as unset). For handing the same values to a child process.
 */
export function rawAppKeys(
  dir: string,
  real: Record<string, string | undefined> = process.env,
): Record<string, string> {
  const fromFile = readDotenv(dir);
  const merged: Record<string, string> = {};
  for (const key of KEYS) {
    const value = [real[key], fromFile[key]].find((v) => v !== undefined && v.trim() !== '');
    if (value !== undefined) merged[key] = value.trim();
  }
  return merged;
}

/**
 * Reads `.env` from `opts.cwd` and overlays the real environment. An empty value counts as
 * unset (so `export TRADING_DB_CRED=` does not hide the .env line). Throws ConfigError with
 * one line naming the first bad key and showing an example.
 */
export function loadEnv(
  opts: { cwd?: string; env?: Record<string, string | undefined> } = {},
): AppEnv {
  const merged = rawAppKeys(opts.cwd ?? startDirectory(), opts.env ?? process.env);
  const result = EnvSchema.safeParse(merged);
  if (!result.success) {
    // Issues come in key order; report the first, count the rest.
    const [first, ...rest] = result.error.issues;
    const more = rest.length
      ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''} in .env)`
      : '';
    throw new ConfigError(first.message + more);
  }
  const e = result.data;
  const oidc = oidcEnv(e);
  return {
    cookieSecret: e.APP_COOKIE_SECRET,
    dashboardDb: e.DASHBOARD_DB_CRED,
    tradingDb: e.TRADING_DB_CRED,
    port: e.APP_PORT,
    appEnv: e.APP_ENV,
    isProduction: e.APP_ENV.toUpperCase() === 'PRODUCTION',
    ...(e.EXCHANGE_RATE_APP_ID ? { exchangeRateAppId: e.EXCHANGE_RATE_APP_ID } : {}),
    dbTimeouts: {
      dashboards: {
        statementMs: e.DASHBOARD_DB_STATEMENT_TIMEOUT,
        acquireMs: e.DASHBOARD_DB_ACQUIRE_TIMEOUT,
      },
      trading: {
        statementMs: e.TRADING_DB_STATEMENT_TIMEOUT,
        acquireMs: e.TRADING_DB_ACQUIRE_TIMEOUT,
      },
    },
    host: e.APP_HOST,
    trustedProxies: e.TRUSTED_PROXIES,
    sessionMaxDays: e.APP_SESSION_MAX_DAYS,
    statements: { maxLines: e.STATEMENT_MAX_LINES, quota: e.STATEMENT_QUOTA },
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    require2fa: e.REQUIRE_2FA,
    ...(oidc ? { oidc } : {}),
    smtp: smtpOf(e),
    publicUrl: (e.APP_PUBLIC_URL ?? '').replace(/\/+$/, ''),
  };
}

/** Email is configured by SMTP_URL or SMTP_HOST; SMTP_FROM is needed with either. */
function smtpOf(e: z.infer<typeof EnvSchema>): SmtpEnv | null {
  if (!e.SMTP_URL && !e.SMTP_HOST) return null;
  if (!e.SMTP_FROM)
    throw new ConfigError(
      'SMTP_FROM is missing: email needs a sender, e.g. SMTP_FROM="Gryphon Dashboards <alerts@example.com>"',
    );
  return e.SMTP_URL
    ? { url: e.SMTP_URL, from: e.SMTP_FROM }
    : {
        host: e.SMTP_HOST,
        port: e.SMTP_PORT,
        ...(e.SMTP_USER ? { user: e.SMTP_USER } : {}),
        ...(e.SMTP_PASSWORD ? { password: e.SMTP_PASSWORD } : {}),
        from: e.SMTP_FROM,
      };
}

const cache = globalThis as unknown as { __gryphonAppEnv?: AppEnv };

/** loadEnv() once per process (and once across Next's dev-mode module reloads). */
export function getEnv(): AppEnv {
  cache.__gryphonAppEnv ??= loadEnv();
  return cache.__gryphonAppEnv;
}
