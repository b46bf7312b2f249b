import { NextResponse, type NextRequest } from 'next/server';

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
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything except the login page, next-auth's own endpoints and static assets.
  matcher: ['/((?!login|api/auth|_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
