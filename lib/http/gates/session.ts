import type { GateDecision, GateRequest } from './types';

const SESSION_COOKIES = ['gryphon-dashboards.session', '__Secure-gryphon-dashboards.session'];

/**
 * Requests without a session cookie go to the login page (API routes get 401). Not the
 * security boundary: every page and route handler checks the session itself on the server
 * (lib/auth/session.ts).
 */
export async function sessionGate(request: GateRequest): Promise<GateDecision> {
  const { pathname, search } = request.nextUrl;
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return null;
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
