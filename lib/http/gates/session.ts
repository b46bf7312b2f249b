import { sessionExpired } from '../../auth/claims';
import { getEnv } from '../../core/env';
import { sessionToken } from './token';
import type { GateDecision, GateRequest } from './types';

/**
 * Requests without a valid session token go to the login page (API routes get 401). The token
 * is decrypted and checked here (signature, expiry, absolute lifetime), so a cookie that only
 * has our name gets nothing. Not the only check: every page and route handler also checks the
 * user against the database on the server (lib/auth/session.ts), which is where a revoked
 * session (logout, password change) is refused.
 */
export async function sessionGate(request: GateRequest): Promise<GateDecision> {
  if (await hasValidToken(request)) return null;
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/')) {
    return {
      kind: 'respond',
      response: Response.json({ error: 'authentication required' }, { status: 401 }),
    };
  }
  const login = new URL('/login', request.url);
  if (pathname !== '/') login.searchParams.set('callbackUrl', `${pathname}${search}`);
  // Not Response.redirect: its headers are immutable and the proxy adds security headers.
  return {
    kind: 'respond',
    response: new Response(null, { status: 307, headers: { Location: login.toString() } }),
  };
}

async function hasValidToken(request: GateRequest): Promise<boolean> {
  const token = await sessionToken(request);
  if (token === null) return false;
  let env;
  try {
    env = getEnv();
  } catch {
    return false; // the login page reports the configuration problem
  }
  return !sessionExpired(token, env.sessionMaxDays, new Date());
}
