import { describe, expect, it } from 'vitest';
import { parameterGate, pathGate } from './parameters';
import type { GateRequest } from './types';

const NOW = new Date('2024-05-01T12:00:00Z');

function gate(pathAndQuery: string) {
  const url = new URL(pathAndQuery, 'http://dash.example');
  const request: GateRequest = {
    url: url.toString(),
    nextUrl: url,
    method: 'GET',
    headers: new Headers(),
    cookies: { has: () => true, get: () => undefined },
  };
  return pathGate(request) ?? parameterGate(request, NOW);
}

async function badPath(pathAndQuery: string) {
  const d = gate(pathAndQuery);
  if (d?.kind !== 'respond') throw new Error(`expected a response for ${pathAndQuery}`);
  return { status: d.response.status, text: await d.response.text() };
}

describe('pathGate and parameterGate', () => {
  it.each([
    ['/strategy/%', 'actor'],
    ['/strategy/%C0%AE', 'actor'],
    ['/ledger/%E2%82/reconcile', 'exchange'],
    ['/ledger/x/reconcile/%zz', 'statementId'],
    ['/ledger/x/%', 'currency'],
    ['/no-such-page/%', 'path'],
    ['/login/%', 'path'],
  ])('answers the page %s with 400 naming %s', async (path, param) => {
    const { status, text } = await badPath(path);
    expect(status).toBe(400);
    expect(text).toContain(`data-param="${param}"`);
    expect(text).not.toContain('<script');
  });

  it('answers a malformed API segment with the JSON of every API 400', async () => {
    expect(gate('/api/auth/%')).toMatchObject({ kind: 'respond' });
    const d = gate('/api/ledger/%C0%AE/csv');
    expect(d?.kind).toBe('respond');
    const r = (d as { response: Response }).response;
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ param: 'exchange', example: null });
  });

  it('escapes the segment it shows', async () => {
    const { text } = await badPath('/strategy/%3Cscript%3E%');
    expect(text).not.toMatch(/<script/i);
  });

  it.each([
    '/fund?start=2024-13-01',
    '/strategy/x?end=yesterday',
    '/strategy/x?start=2024-01-01&start=2024-01-02',
    '/ledger/x?size=7',
    '/ledger/x?currency=%25%25',
    '/ledger/x?cursor=nope',
    '/ledger/x?type=fees',
    '/ledger/x/reconcile?error=anything+at+all',
    '/ledger/x/reconcile/12?tolerance=-1',
    '/ledger/x/reconcile/abc?start=2024-02-30',
  ])('sets status 400 for %s (the page renders the message)', (path) => {
    expect(gate(path)).toEqual({ kind: 'status', status: 400 });
  });

  it.each([
    '/',
    '/fund?start=2024-03-01',
    '/strategy/x?foo=bar&__proto__=1&constructor=2',
    '/ledger/x?size=250&currency=btc&type=trade,fee',
    '/ledger/x/reconcile?error=no-file',
    '/ledger/x/reconcile/12?tolerance=60',
    '/ledger/x/btc',
    '/strategy/%25',
    '/api/ledger/x?size=7',
  ])('lets %s through', (path) => {
    expect(gate(path)).toBeNull();
  });
});
