import { NextResponse, type NextRequest } from 'next/server';
import { parseTimeWindow } from '@/lib/core/time/time-window';

/**
 * Optimistic gate in front of every route: requests without a session cookie go to the login
 * page (API routes get 401). It is not the security boundary: every page and route handler
 * checks the session itself on the server (lib/auth/session.ts). It also passes the request
 * path on, so a page can send the user back there after logging in.
 */
const SESSION_COOKIES = ['gryphon-dashboards.session', '__Secure-gryphon-dashboards.session'];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  headers.set('x-request-path', `${pathname}${search}`);

  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession) {
    if (pathname.startsWith('/api/')) {
      return NextResponse.json({ error: 'authentication required' }, { status: 401 });
    }
    const login = new URL('/login', request.url);
    if (pathname !== '/') login.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  // A page cannot set its own status code: an invalid time window is answered 400 here, and
  // the page (which parses the same parameters) renders the inline message.
  return NextResponse.next({ request: { headers }, status: hasInvalidWindow(request) ? 400 : 200 });
}

function hasInvalidWindow(request: NextRequest): boolean {
  const q = request.nextUrl.searchParams;
  if (!q.has('start') && !q.has('end')) return false;
  try {
    parseTimeWindow({ start: q.getAll('start'), end: q.getAll('end') }, new Date());
    return false;
  } catch {
    return true;
  }
}

export const config = {
  // Everything except the login page, next-auth's own endpoints and static assets.
  matcher: ['/((?!login|api/auth|_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
