import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = fileURLToPath(new URL('../../app', import.meta.url));
const ROUTE_FILES = /^(page\.tsx|not-found\.tsx|layout\.tsx|route\.ts)$/;

/** Route files that need no user, and why. Every other one must check the user itself. */
export const EXEMPT_ROUTE_FILES: Record<string, string> = {
  'login/page.tsx': 'the login page',
  'api/auth/[...nextauth]/route.ts': "next-auth's own endpoints (login, logout, CSRF)",
  'layout.tsx': 'the root layout: the <html> shell around the login page too; reads nothing',
  'not-found.tsx': 'the site-wide 404: static text, reads nothing',
  'api/health/route.ts': "the load balancers' health check: ok or degraded per database, no data",
};

/** Every page, not-found page, layout and route handler under app/, relative to app/. */
export function routeFiles(dir = APP_DIR, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return routeFiles(path.join(dir, e.name), rel);
    return ROUTE_FILES.test(e.name) ? [rel] : [];
  });
}

/**
 * A request that reaches `file`: its folder as a URL (route groups dropped, dynamic segments
 * filled from `params`; for a not-found page the last dynamic segment gets a name that does not
 * exist), with the method of a route handler.
 */
export function requestFor(
  file: string,
  params: Record<string, string>,
): { path: string; method: string } {
  const parts = file.split('/').slice(0, -1);
  const name = file.split('/').pop() as string;
  const lastDynamic = parts.findLastIndex((p) => p.startsWith('['));
  const segments = parts
    .filter((p) => !/^\(.*\)$/.test(p))
    .map((p) => {
      const m = /^\[(\w+)\]$/.exec(p);
      if (!m) return p;
      if (!(m[1] in params)) throw new Error(`no sample value for [${m[1]}] (${file})`);
      return name === 'not-found.tsx' && p === parts[lastDynamic] ? 'no-such-thing' : params[m[1]];
    });
  let method = 'GET';
  if (name === 'route.ts') {
    const source = readFileSync(path.join(APP_DIR, file), 'utf8');
    method = /export async function GET\b/.test(source) ? 'GET' : 'POST';
  }
  return { path: `/${segments.join('/')}`, method };
}
