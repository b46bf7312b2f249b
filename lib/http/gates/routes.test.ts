import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROUTES } from './routes';

const APP_DIR = fileURLToPath(new URL('../../../app', import.meta.url));

/** Every page.tsx / route.ts under app/ as gate segments (`:name` for `[name]`), groups dropped. */
function appRoutes(): string[][] {
  return readdirSync(APP_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)(page\.tsx|route\.ts)$/.test(f))
    .map((f) =>
      path
        .dirname(f)
        .split(path.sep)
        .filter((d) => d !== '.' && !/^\(.*\)$/.test(d))
        .map((d) => d.replace(/^\[(.+)\]$/, ':$1')),
    );
}

describe('the parameter gate’s route table', () => {
  it('lists every route with a dynamic segment or a query string, as app/ has them', () => {
    // Not listed on purpose: the login page and next-auth's catch-all (their own parameters
    // are checked where they are read).
    const ignored = new Set(['login', 'api/auth/:...nextauth']);
    const expected = appRoutes()
      .map((s) => s.join('/'))
      .filter((s) => !ignored.has(s))
      .sort();
    expect(ROUTES.map((r) => r.segments.join('/')).sort()).toEqual(expected);
  });
});
