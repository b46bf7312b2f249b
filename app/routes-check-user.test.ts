import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR, EXEMPT_ROUTE_FILES as EXEMPT, routeFiles } from '../tests/helpers/routes';

const APP = APP_DIR;

// tests/browser/auth.test.ts sends a forged and a revoked session to each of these files too.
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
      const check = /await require(Api)?User\((\{[^)]*\})?\)/.exec(source);
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
      // The health check probes the databases' connections (lib/db/health.ts) and reads no row.
      if (file === 'api/health/route.ts') continue;
      const source = readFileSync(path.join(APP, file), 'utf8');
      expect(source).not.toMatch(/@\/lib\/(db|home|ledger|strategy|fund|rollup)\//);
    }
  });
});
