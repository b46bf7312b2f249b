import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getEnv } from '../core/env';
import { getDashboardsDb } from '../db/dashboards/client';
import { checkLogin, clientIp, INVALID_LOGIN_MESSAGE, lockedMessage } from './login';
import { safeCallbackPath } from './redirect';
import { rethrowFromPools } from '../db/pool';

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

export function sessionCookieName(isProduction: boolean): string {
  return `${isProduction ? '__Secure-' : ''}gryphon-dashboards.session`;
}

let cached: NextAuthOptions | undefined;

/**
 * next-auth configuration, built on first use (not at import) so `next build` never needs the
 * production secrets. Sessions are signed JWT cookies keyed by APP_COOKIE_SECRET: httpOnly,
 * SameSite=Lax, Secure when APP_ENV=PRODUCTION. The token carries Gryphon's user.unique_id
 * and every request re-checks that the account still exists (lib/auth/session.ts).
 */
export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  // next-auth v4 otherwise assumes http://localhost:3000 unless NEXTAUTH_URL is set; a
  // self-hosted server takes its origin from the Host / X-Forwarded-Host of each request.
  // Redirects stay safe: the redirect callback only ever returns a path on that origin.
  process.env.AUTH_TRUST_HOST ??= 'true';
  cached = {
    secret: env.cookieSecret,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: env.isProduction,
    cookies: {
      sessionToken: {
        name: sessionCookieName(env.isProduction),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure: env.isProduction },
      },
    },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Password',
        credentials: {
          username: { label: 'Username', type: 'text' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const now = new Date();
          const { db, pool } = getDashboardsDb();
          const result = await checkLogin(
            db,
            {
              username: String(credentials?.username ?? ''),
              password: String(credentials?.password ?? ''),
              ip: clientIp(req.headers ?? {}),
            },
            now,
          ).catch(async (err) => {
            try {
              return await rethrowFromPools(err, [pool]);
            } catch (known) {
              console.error(known instanceof Error ? known.message : known);
              throw new Error(
                'Login is unavailable: the server cannot reach its database. See the server log.',
              );
            }
          });
          // next-auth passes a thrown Error's message to the login form as `error`.
          if (!result.ok) {
            throw new Error(
              result.reason === 'locked' ? lockedMessage(result.until, now) : INVALID_LOGIN_MESSAGE,
            );
          }
          return { id: result.user.uniqueId, name: result.user.username };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        session.user = {
          name: token.name ?? null,
          uid: typeof token.uid === 'string' ? token.uid : '',
        };
        return session;
      },
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
  };
  return cached;
}
