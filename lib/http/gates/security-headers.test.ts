import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';
import type { GateRequest } from './types';

function request(url: string, headers: Record<string, string> = {}): GateRequest {
  return {
    url,
    nextUrl: new URL(url),
    method: 'GET',
    headers: new Headers(headers),
    cookies: { has: () => false, get: () => undefined },
  };
}

describe('securityHeaders', () => {
  it('gives the page and the browser the same CSP with a fresh nonce', () => {
    const a = securityHeaders(request('http://h/fund'));
    const b = securityHeaders(request('http://h/fund'));
    expect(a.request['x-nonce']).not.toBe(b.request['x-nonce']);
    expect(a.request['Content-Security-Policy']).toBe(a.response['Content-Security-Policy']);
    const csp = a.response['Content-Security-Policy'];
    expect(csp).toContain(`script-src 'self' 'nonce-${a.request['x-nonce']}' 'strict-dynamic'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(a.response['Permissions-Policy']).toContain('camera=()');
  });

  it.each([
    ['http://h/fund', {}, false],
    ['https://h/fund', {}, true],
    ['http://h/fund', { 'x-forwarded-proto': 'https' }, true],
    ['http://h/fund', { 'x-forwarded-proto': 'https, http' }, true],
    ['https://h/fund', { 'x-forwarded-proto': 'http' }, false],
  ])('HSTS and upgrade-insecure-requests only over HTTPS: %s %j', (url, headers, https) => {
    const r = securityHeaders(request(url, headers)).response;
    expect(r['Strict-Transport-Security'] === 'max-age=31536000').toBe(https);
    expect(r['Content-Security-Policy'].includes('upgrade-insecure-requests')).toBe(https);
  });

  it('marks API answers no-store, pages not', () => {
    expect(securityHeaders(request('http://h/api/fund')).response['Cache-Control']).toBe(
      'no-store',
    );
    expect(securityHeaders(request('http://h/fund')).response['Cache-Control']).toBeUndefined();
  });
});
