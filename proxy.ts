import { NextResponse, type NextRequest } from 'next/server';
import { accessGate } from '@/lib/http/gates/access';
import { databaseGate } from '@/lib/http/gates/database';
import { methodGate } from '@/lib/http/gates/method';
import { originGate } from '@/lib/http/gates/origin';
import { parameterGate, pathGate } from '@/lib/http/gates/parameters';
import { securityHeaders } from '@/lib/http/gates/security-headers';
import { sessionGate } from '@/lib/http/gates/session';
import type { GateDecision } from '@/lib/http/gates/types';

/**
 * In front of every route (see `config.matcher`): the checks in lib/http/gates, in order —
 * path (a malformed percent-encoding gets 400, on every route), method (OPTIONS to a page),
 * origin (a state-changing request from another site gets 403), session (anonymous requests go
 * to the login page, APIs get 401), access (a role or scope that does not allow the path: 403,
 * lib/http/gates/access.ts), databases (503 while one is known to be unreachable),
 * parameters (a page with invalid parameters gets status 400 and renders the message itself).
 * The first decision wins. Every response gets the security
 * headers. The request path is passed on so a page can send the user back after logging in.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const security = securityHeaders(request);
  const headers = new Headers(request.headers);
  headers.set('x-request-path', `${pathname}${search}`);
  // Read by requireUser/requireApiUser to check the role and scope against the same rules.
  headers.set('x-request-method', request.method);
  for (const [k, v] of Object.entries(security.request)) headers.set(k, v);

  // A malformed path, OPTIONS to a page and a cross-site state change are refused on every
  // route; the rest is for everything but the login page, next-auth's own endpoints and the
  // load balancers' health check, which need no session.
  let decision: GateDecision = pathGate(request) ?? methodGate(request) ?? originGate(request);
  if (!PUBLIC.test(pathname)) {
    decision ??= await sessionGate(request);
    decision ??= await accessGate(request);
    decision ??= await databaseGate(request);
    decision ??= parameterGate(request);
  }

  let response: Response;
  if (decision?.kind === 'respond') response = decision.response;
  else {
    response = NextResponse.next({ request: { headers }, status: decision?.status ?? 200 });
    for (const [k, v] of Object.entries(decision?.headers ?? {})) response.headers.set(k, v);
  }
  for (const [k, v] of Object.entries(security.response)) response.headers.set(k, v);
  return response;
}

const PUBLIC = /^\/(login|api\/auth|api\/health)(\/|$)/;

export const config = {
  // Everything except static assets (the login page, next-auth's endpoints and /api/health:
  // see PUBLIC).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
