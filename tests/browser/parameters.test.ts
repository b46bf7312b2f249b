import { beforeAll, describe, expect, it } from 'vitest';
import { createAppUser, testApp } from '../helpers/app';
import { rawRequest, sessionCookie } from '../helpers/raw-http';
import { connectUrl, idAbove } from '../helpers/sql';

const USER = 'parameters-tester';
const PASSWORD = 'parameters tests password';
const ACCOUNT = 'PARAMS_BTC_USD';
const LEDGER = `/ledger/${ACCOUNT.toLowerCase()}`;

/**
 * The hardening issue's findings, one test each: malformed percent-encodings in path segments,
 * names that are Object.prototype members, the non-multipart upload, bad non-window parameters
 * answering 200, and the reconcile page echoing `error`. The fuzz test covers the same ground
 * at random; these name each case.
 */
describe('parameters of every kind', () => {
  const app = testApp();
  let cookie = '';
  const get = (path: string, headers: Record<string, string> = {}) =>
    rawRequest(app.baseUrl, { method: 'GET', path, headers: { cookie, ...headers } });

  beforeAll(async () => {
    const conn = await connectUrl(app.tradingWriteUrl);
    try {
      await conn.query(
        'INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (?, ?, ?, ?)',
        [await idAbove(conn, 'exchange'), 'params-e1', ACCOUNT, '{}'],
      );
    } finally {
      await conn.end();
    }
    await createAppUser(USER, PASSWORD);
    cookie = await sessionCookie(app.baseUrl, USER, PASSWORD);
  });

  it.each([
    ['/strategy/%', 'actor'],
    ['/strategy/%C0%AE', 'actor'],
    [`${LEDGER}/reconcile/%E2%82`, 'statementId'],
    ['/ledger/%C0%AE', 'exchange'],
  ])('answers the page %s with 400 naming %s', async (path, param) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.body).toContain(`data-param="${param}"`);
  });

  it.each([
    ['/api/strategy/%', 'actor'],
    ['/api/ledger/%C0%AE', 'exchange'],
    ['/api/ledger/%/csv', 'exchange'],
  ])('answers the API %s with 400 JSON naming %s', async (path, param) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ param });
  });

  it('decodes a path segment once: %25 is a "%" in the name, %255F is not an underscore', async () => {
    const percent = await get('/api/strategy/%25');
    expect(percent.status).toBe(404);
    expect(JSON.parse(percent.body).error).toBe('unknown strategy "%"');
    expect((await get(`/api/ledger/params%5Fbtc%5Fusd`)).status).toBe(200);
    expect((await get(`/api/ledger/params%255Fbtc%255Fusd`)).status).toBe(404);
    expect((await get('/strategy/%25')).status).toBe(404);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'answers the strategy %s with 404 listing the strategies',
    async (name) => {
      const api = await get(`/api/strategy/${name}`);
      expect(api.status).toBe(404);
      expect(JSON.parse(api.body).strategies).toContain('simple_mm');
      expect((await get(`/strategy/${name}`)).status).toBe(404);
    },
  );

  it('refuses an upload that is not multipart with 415 and says what is expected', async () => {
    for (const [type, body] of [
      ['text/plain', 'time,amount'],
      ['application/json', '{}'],
      ['multipart/form-data', 'no boundary'],
    ]) {
      const r = await rawRequest(app.baseUrl, {
        method: 'POST',
        path: `/api/ledger/${ACCOUNT.toLowerCase()}/statements`,
        headers: { cookie, 'content-type': type },
        body,
      });
      expect(r.status, type).toBe(415);
      expect(JSON.parse(r.body).error).toContain('multipart/form-data');
    }
  });

  it('answers a broken multipart body with 400 naming the file', async () => {
    const r = await rawRequest(app.baseUrl, {
      method: 'POST',
      path: `/api/ledger/${ACCOUNT.toLowerCase()}/statements`,
      headers: {
        cookie,
        'content-type': 'multipart/form-data; boundary=zz',
        accept: 'application/json',
      },
      body: '--zz\r\nbroken',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ param: 'file' });
  });

  it.each([
    ['currency', 'currency=%25%25'],
    ['size', 'size=7'],
    ['cursor', 'cursor=nope'],
    ['type', 'type=fees'],
    ['sort', 'sort=sideways'],
    ['currency', 'currency=BTC&currency=USD'],
  ])('answers the ledger page with 400 for a bad %s (%s), as its JSON does', async (param, q) => {
    const page = await get(`${LEDGER}?${q}`);
    expect(page.status).toBe(400);
    expect(page.body).toContain(`data-param="${param}"`);
    const api = await get(`/api${LEDGER}?${q}`);
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toMatchObject({ param });
  });

  it('checks parameters before names: a bad size is 400 for an unknown account too, a good one 404', async () => {
    expect((await get('/ledger/no_such_account?size=7')).status).toBe(400);
    expect((await get('/ledger/no_such_account?size=50')).status).toBe(404);
    expect((await get('/strategy/NO_SUCH?start=2024-13-01')).status).toBe(400);
  });

  it('answers a bad tolerance on a reconciliation with 400', async () => {
    const r = await get(`${LEDGER}/reconcile/1?tolerance=-5`);
    expect(r.status).toBe(400);
    expect(r.body).toContain('data-param="tolerance"');
  });

  it('shows the message of an upload error code, never text from the URL', async () => {
    const shown = await get(`${LEDGER}/reconcile?error=unreadable`);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('No line of the file could be read');
    const text = 'Your account is locked: call +1 555 0100';
    const echoed = await get(`${LEDGER}/reconcile?error=${encodeURIComponent(text)}`);
    expect(echoed.status).toBe(400);
    expect(echoed.body).toContain('data-param="error"');
    expect(echoed.body).not.toContain('call +1 555 0100');
  });

  it('answers OPTIONS to a page with 405, not an empty 400', async () => {
    const r = await rawRequest(app.baseUrl, {
      method: 'OPTIONS',
      path: '/fund',
      headers: { cookie },
    });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });

  it('answers unknown next-auth endpoints with 404 and a bad callbackUrl with 400', async () => {
    expect((await get('/api/auth/nope')).status).toBe(404);
    expect((await get('/api/auth/error/%E4%B7%B0')).status).toBe(404);
    const bad = await get('/api/auth/session?callbackUrl=%25u00e9');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ param: 'callbackUrl' });
    const json = await rawRequest(app.baseUrl, {
      method: 'POST',
      path: '/api/auth/signin',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(json.status).toBe(400);
  });
  it.each([
    `${LEDGER}?sort=%G1`,
    `${LEDGER}?type=%G1&sort=time`,
    `/api/ledger/${ACCOUNT.toLowerCase()}?sort=%G1`,
    `/strategy/anything?start=%G1`,
    `/fund?end=%`,
    // Next turns the searchParams' prototype into an array: q.sort was Array.prototype.sort.
    `${LEDGER}?__proto__=0x10`,
    `${LEDGER}?__proto__=0x10&__proto__=y&sort=oldest`,
    `/api/ledger/${ACCOUNT.toLowerCase()}?__proto__=0x10`,
    `/fund?__proto__=1&start=2024-01-01`,
  ])('answers the query of %s (malformed encodings, __proto__) below 500', async (path) => {
    const r = await get(path);
    expect(r.status).toBeGreaterThanOrEqual(200);
    expect(r.status).toBeLessThan(500);
  });
});
