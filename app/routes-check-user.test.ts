import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const APP = fileURLToPath(new URL('.', import.meta.url));
const ROUTE_FILES = /^(page\.tsx|not-found\.tsx|layout\.tsx|route\.ts)$/;

/** Route files that need no user, and why. Anything else must check the user itself. */
export const EXEMPT: Record<string, string> = {
  'login/page.tsx': 'the login page',
  'api/auth/[...nextauth]/route.ts': "next-auth's own endpoints (login, logout, CSRF)",
  'layout.tsx': 'the root layout: the <html> shell around the login page too; reads nothing',
  'not-found.tsx': 'the site-wide 404: static text, reads nothing',
};

/** Every page, not-found page, layout and route handler under app/, relative to app/. */
export function routeFiles(dir = APP, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return routeFiles(path.join(dir, e.name), rel);
    return ROUTE_FILES.test(e.name) ? [rel] : [];
  });
}

describe('every route file checks the user on the server', () => {
  const files = routeFiles();

  it('finds the route files (the walk itself works)', () => {
    expect(files).toContain('(dashboards)/ledger/[exchange]/not-found.tsx');
    expect(files).toContain('api/fund/route.ts');
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.filter((f) => !(f in EXEMPT)))(
    '%s calls requireUser() or requireApiUser() before anything else it awaits',
    (file) => {
      const source = readFileSync(path.join(APP, file), 'utf8');
      const check = /await require(Api)?User\(\)/.exec(source);
      expect(check, `${file} must check the user (or be listed in EXEMPT with a reason)`).not.toBe(
        null,
      );
      // The check comes first in the component and in each handler: no other await before it.
      const entries = [
        ...source.matchAll(
          /export (default async function|async function (GET|POST|PUT|PATCH|DELETE))\b/g,
        ),
      ];
      expect(entries.length, `${file} exports no component or handler`).toBeGreaterThan(0);
      for (const entry of entries) {
        const body = source.slice(entry.index);
        const firstAwait = /await [\w.]+/.exec(body);
        expect(firstAwait?.[0], `${file}: ${entry[0]}`).toMatch(/^await require(Api)?User/);
      }
    },
  );

  it('exempts only files that exist and read no data', () => {
    for (const file of Object.keys(EXEMPT)) {
      expect(files).toContain(file);
      const source = readFileSync(path.join(APP, file), 'utf8');
      expect(source).not.toMatch(/@\/lib\/(db|home|ledger|strategy|fund|rollup)\//);
    }
  });
});
