import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_WRITES, methodGate } from './method';

function req(method: string, path: string, headers: Record<string, string> = {}) {
  const url = `http://127.0.0.1:8080${path}`;
  return {
    url,
    nextUrl: new URL(url),
    method,
    headers: new Headers(headers),
    cookies: { has: () => false, get: () => undefined },
  };
}

describe('methodGate', () => {
  it.each([
    ['GET', '/fund', {}, null],
    ['HEAD', '/fund', {}, null],
    ['POST', '/admin/users', { 'next-action': 'abc123' }, null],
    ['POST', '/api/ledger/x/statements', {}, null],
    ['DELETE', '/api/ledger/x/statements/1', {}, null],
    ['POST', '/ledger/x/reconcile', { 'content-type': 'multipart/form-data; boundary=b' }, 405],
    ['PUT', '/fund', {}, 405],
    ['OPTIONS', '/', {}, 405],
    ['GET', '/api/status', {}, null],
    ['POST', '/api/auth/callback/credentials', {}, null],
    // The URL parser resolves /api/ledger/%2e%2e/statements to this: no handler takes a POST.
    [
      'POST',
      '/api/ledger/%2e%2e/statements',
      { 'content-type': 'multipart/form-data; boundary=b' },
      405,
    ],
    ['POST', '/api/fund', {}, 405],
    ['DELETE', '/api/ledger/x/statements/1/more', {}, 405],
  ])('%s %s %o -> %s', (method, path, headers, status) => {
    const d = methodGate(req(method, path, headers));
    if (status === null) expect(d).toBe(null);
    else {
      expect(d?.kind).toBe('respond');
      const r = (d as { response: Response }).response;
      expect(r.status).toBe(status);
      expect(r.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('lets through exactly the API routes that export a writing handler', () => {
    const dir = fileURLToPath(new URL('../../../app/api', import.meta.url));
    const writers = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('route.ts'))
      .filter((f) =>
        /export (async )?function (POST|PUT|PATCH|DELETE)\b|as (POST|PUT|PATCH|DELETE)\b/.test(
          readFileSync(path.join(dir, f), 'utf8'),
        ),
      )
      .map(
        (f) =>
          `/api/${path
            .dirname(f)
            .replace(/\[\.\.\.\w+\]/, 'x/y')
            .replace(/\[\w+\]/g, 'x')}`,
      )
      .sort();
    expect(writers).toEqual([
      '/api/auth/x/y',
      '/api/ledger/x/statements',
      '/api/ledger/x/statements/x',
    ]);
    for (const w of writers) expect(API_WRITES.test(w), w).toBe(true);
  });
});
