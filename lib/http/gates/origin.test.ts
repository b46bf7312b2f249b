import { describe, expect, it } from 'vitest';
import { originGate } from './origin';
import type { GateRequest } from './types';

function request(
  method: string,
  headers: Record<string, string>,
  url = 'http://127.0.0.1:8080/api/ledger/x/statements',
): GateRequest {
  return {
    url,
    nextUrl: new URL(url),
    method,
    headers: new Headers(headers),
    cookies: { has: () => false, get: () => undefined },
  };
}
const status = (r: GateRequest) => {
  const d = originGate(r);
  return d?.kind === 'respond' ? d.response.status : 'passes';
};

describe('originGate', () => {
  it.each<[string, string, Record<string, string>, number | 'passes']>([
    [
      'GET from anywhere',
      'GET',
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      'passes',
    ],
    ['HEAD', 'HEAD', { 'sec-fetch-site': 'cross-site' }, 'passes'],
    [
      'same origin',
      'POST',
      { host: 'dash.example', origin: 'https://dash.example', 'sec-fetch-site': 'same-origin' },
      'passes',
    ],
    [
      'behind a proxy: X-Forwarded-Host',
      'POST',
      {
        host: '127.0.0.1:8080',
        'x-forwarded-host': 'dash.example',
        origin: 'https://dash.example',
      },
      'passes',
    ],
    [
      'default port written out',
      'DELETE',
      { host: 'dash.example:443', origin: 'https://dash.example' },
      'passes',
    ],
    ['not a browser (no Origin, no Sec-Fetch-Site)', 'POST', { host: 'dash.example' }, 'passes'],
    ['typed by the user', 'POST', { 'sec-fetch-site': 'none' }, 'passes'],
    ['another site', 'POST', { host: 'dash.example', origin: 'https://evil.example' }, 403],
    ['another port', 'POST', { host: 'dash.example', origin: 'https://dash.example:8443' }, 403],
    [
      'cross-site fetch metadata',
      'POST',
      { host: 'dash.example', 'sec-fetch-site': 'cross-site' },
      403,
    ],
    ['a sibling subdomain', 'PUT', { host: 'dash.example', 'sec-fetch-site': 'same-site' }, 403],
    ['an opaque origin', 'POST', { host: 'dash.example', origin: 'null' }, 403],
    [
      'Host spoofed by the proxy, X-Forwarded-Host differs',
      'POST',
      { host: 'evil.example', 'x-forwarded-host': 'dash.example', origin: 'https://evil.example' },
      403,
    ],
  ])('%s', (_label, method, headers, expected) => {
    expect(status(request(method, headers))).toBe(expected);
  });

  it('answers pages with text and APIs with JSON', async () => {
    const api = originGate(request('POST', { origin: 'https://evil.example', host: 'a' }));
    expect(api?.kind === 'respond' && (await api.response.json())).toMatchObject({
      error: expect.stringContaining('another site'),
    });
    const page = originGate(
      request('POST', { origin: 'https://evil.example', host: 'a' }, 'http://a/ledger/x'),
    );
    expect(page?.kind === 'respond' && page.response.headers.get('content-type')).toBe(
      'text/plain',
    );
  });
});
