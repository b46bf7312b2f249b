import { describe, expect, it } from 'vitest';
import { methodGate } from './method';

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
});
