import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { recordAudit } from '../audit/record';
import type { AuditInput } from '../audit/domain/events';
import { getEnv } from '../core/env';
import { getDashboardsDb } from '../db/dashboards/client';
import * as schema from '../db/dashboards/schema';
import { bumpSessionVersion } from '../db/dashboards/users';
import type { Pool } from 'mysql2/promise';
import { createPool, rethrowFromPools } from '../db/pool';
import { SESSION_IDLE_SECONDS, sessionCookieName } from './claims';
import { requestClientIp } from './client-address';
import { BusyError, createLimiter } from './limiter';
import {
  checkLogin,
  DISABLED_LOGIN_MESSAGE,
  INVALID_LOGIN_MESSAGE,
  lockedMessage,
  type LoginResult,
} from './login';
import { oidcProvider, oidcSignIn } from './oidc';
import { safeCallbackPath } from './redirect';
import {
  BAD_CODE_MESSAGE,
  CHALLENGE_MESSAGE,
  checkCode,
  codeNeededMessage,
  TWO_FACTOR_REASONS,
  twoFactorAuditEvent,
} from './totp-login';

export { sessionCookieName } from './claims';
export const SESSION_MAX_AGE_SECONDS = SESSION_IDLE_SECONDS;

/**
 * Logins checked at once by this process, and waiting: each holds a database connection and a
 * bcrypt thread (~0.2-0.4 s of CPU), so a flood of logins queues here, and past the queue is
 * refused, instead of taking the connections and threads the pages need.
 */
const LOGIN_CHECKS_AT_ONCE = 2;
const logins = createLimiter({ running: LOGIN_CHECKS_AT_ONCE, queued: 16 });

/**
 * Whether the request reached us over HTTPS: a TLS-terminating proxy says so in
 * X-Forwarded-Proto. Believed from anyone: a client that lies only gets Secure cookies its
 * browser will not send back over plain HTTP.
 */
export function cameOverHttps(get: (name: string) => string | null | undefined): boolean {
  const proto = get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}

const cached = new Map<boolean, NextAuthOptions>();

/**
 * next-auth configuration, built on first use (not at import) so `next build` never needs the
 * production secrets. Sessions are encrypted JWT cookies keyed by APP_COOKIE_SECRET: httpOnly,
 * SameSite=Lax, Secure with APP_ENV=PRODUCTION or when the request came over HTTPS (`https`).
 * The cookie's name depends only on APP_ENV, so both kinds of request read the same session.
 * The token carries Gryphon's user.unique_id, the user's session version and the login time;
 * every request compares them with the database (lib/auth/session.ts).
 */
export function getAuthOptions(https = false): NextAuthOptions {
  const env = getEnv();
  const secure = env.isProduction || https;
  const hit = cached.get(secure);
  if (hit) return hit;
  // next-auth v4 otherwise assumes http://localhost:3000 unless NEXTAUTH_URL is set; a
  // self-hosted server takes its origin from the Host / X-Forwarded-Host of each request.
  // Redirects stay safe: the redirect callback only ever returns a path on that origin.
  process.env.AUTH_TRUST_HOST ??= 'true';
  const options: NextAuthOptions = {
    secret: env.cookieSecret,
    session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS },
    // Also names next-auth's other cookies (CSRF, callback URL) with __Host-/__Secure-.
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(env.isProduction),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
      },
    },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Password',
        credentials: {
          username: { label: 'Username', type: 'text' },
          password: { label: 'Password', type: 'password' },
          // the second step of a login with two-factor on (lib/auth/totp-login.ts)
          challenge: { label: 'Challenge', type: 'hidden' },
          code: { label: 'Code', type: 'text' },
        },
        async authorize(credentials, req) {
          const now = new Date();
          const headers = (req.headers ?? {}) as Record<string, string | string[] | undefined>;
          const header = (name: string) => {
            const v = headers[name];
            return Array.isArray(v) ? v.join(',') : v;
          };
          const input = {
            username: String(credentials?.username ?? ''),
            password: String(credentials?.password ?? ''),
            ip: requestClientIp(header),
          };
          const challenge = String(credentials?.challenge ?? '');
          const code = String(credentials?.code ?? '');
          const result = await logins.run(() =>
            onLoginConnection((db) =>
              challenge
                ? checkCode(db, env.cookieSecret, { challenge, code, ip: input.ip }, now)
                : checkLogin(db, input, now),
            ),
          );
          await recordAudit(loginAuditEvent(input.username, result), {
            ip: input.ip,
            userAgent: header('user-agent') ?? '',
          });
          // next-auth passes a thrown Error's message to the login form as `error`.
          if (!result.ok && result.reason === 'code-needed')
            throw new Error(codeNeededMessage(env.cookieSecret, result.user, now));
          if (!result.ok) throw new Error(loginFailureMessage(result, now));
          return {
            id: result.user.uniqueId,
            name: result.user.username,
            sv: result.user.sv,
            role: result.user.role,
            scope: result.user.scope,
          };
        },
      }),
      // Sign-in with the firm's OpenID Connect provider, when OIDC_* is set (lib/auth/oidc.ts).
      ...(env.oidc ? [oidcProvider(env.oidc)] : []),
    ],
    callbacks: {
      signIn: ({ user }) => oidcSignIn(user),
      async jwt({ token, user, account }) {
        if (user) {
          token.uid = user.id;
          token.via = account?.provider ?? 'credentials';
          token.sv = user.sv;
          token.authTime = Math.floor(Date.now() / 1000);
          token.role = user.role;
          token.scope = user.scope ?? null;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          name: token.name ?? null,
          uid: typeof token.uid === 'string' ? token.uid : '',
          sv: typeof token.sv === 'number' ? token.sv : undefined,
          authTime: typeof token.authTime === 'number' ? token.authTime : undefined,
          via: typeof token.via === 'string' ? token.via : undefined,
        };
        return session;
      },
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
    events: {
      // Logging out ends the session on the server too: the user's session version moves on,
      // so a copy of the cookie is refused from now on (as are the user's other sessions).
      async signOut({ token }) {
        if (typeof token?.uid !== 'string' || typeof token.sv !== 'number') return;
        const { db } = getDashboardsDb();
        await bumpSessionVersion(db, token.uid, token.sv).catch((err: unknown) =>
          console.error(`logout: the session could not be revoked: ${String(err)}`),
        );
        await recordAudit({ action: 'logout', outcome: 'ok', username: token.name ?? token.uid });
      },
    },
  };
  cached.set(secure, options);
  return options;
}

/** The audit row of a login attempt: ok, failed (with the reason), locked or refused (busy). */
function loginAuditEvent(typed: string, result: LoginResult): AuditInput {
  if (result.ok) return { action: 'login', outcome: 'ok', username: result.user.username };
  const two = twoFactorAuditEvent(result);
  if (two) return two;
  const username = typed;
  const outcome =
    result.reason === 'locked' ? 'locked' : result.reason === 'busy' ? 'refused' : 'failed';
  const reason = {
    ...TWO_FACTOR_REASONS,
    invalid: 'wrong username or password',
    disabled: 'login disabled',
    locked: 'too many failed attempts',
    busy: 'another attempt for this username was being checked',
  }[result.reason];
  const detail: Record<string, unknown> = { reason };
  if (result.reason === 'locked') detail.until = result.until.toISOString();
  return { action: 'login', outcome, username, detail };
}

function loginFailureMessage(result: Exclude<LoginResult, { ok: true }>, now: Date): string {
  if (result.reason === 'locked') return lockedMessage(result.until, now);
  if (result.reason === 'busy') return new BusyError().message;
  if (result.reason === 'disabled') return DISABLED_LOGIN_MESSAGE;
  if (result.reason === 'bad-code') return BAD_CODE_MESSAGE;
  if (result.reason === 'challenge' || result.reason === 'code-needed') return CHALLENGE_MESSAGE;
  return INVALID_LOGIN_MESSAGE;
}

/**
 * The login checks' own small pool: each check holds its connection through the password
 * compare (the named lock belongs to the connection), and a login flood must not take the
 * connections every page needs for its session check. As many as the checks run at once.
 */
const loginPools = globalThis as unknown as { __loginPool?: Pool };
function loginPool(): Pool {
  if (!loginPools.__loginPool) {
    const env = getEnv();
    loginPools.__loginPool = createPool(env.dashboardDb, 'dashboards', {
      connectionLimit: LOGIN_CHECKS_AT_ONCE,
      sessionSetup: [],
      timeouts: env.dbTimeouts.dashboards,
    });
  }
  return loginPools.__loginPool;
}

/** checkLogin/checkCode hold a named lock, which belongs to a connection: give them one. */
async function onLoginConnection(
  check: (db: MySql2Database<typeof schema>) => Promise<LoginResult>,
): Promise<LoginResult> {
  const pool = loginPool();
  try {
    const conn = await pool.getConnection();
    try {
      return await check(drizzle({ client: conn, schema, mode: 'default' }));
    } finally {
      conn.release();
    }
  } catch (err) {
    try {
      return await rethrowFromPools(err, [pool]);
    } catch (known) {
      console.error(known instanceof Error ? known.message : known);
      throw new Error(
        'Login is unavailable: the server cannot reach its database. See the server log.',
      );
    }
  }
}
