import { describe, expect, it } from 'vitest';
import { BadRequestError, DatabaseUnreachableError } from '@/lib/core/errors';
import { badRequest } from '@/lib/core/request-result';
import { apiUnavailable, queryOf, respond } from './respond';

type Result = Parameters<typeof respond>[0];

describe('respond: a request result as HTTP', () => {
  it.each<[Result, number, unknown]>([
    [{ kind: 'ok', data: { a: 1 } }, 200, { a: 1 }],
    [
      badRequest(new BadRequestError('Invalid start', 'start', '2024-03-01')),
      400,
      { error: 'Invalid start', param: 'start', example: '2024-03-01' },
    ],
    [
      badRequest(new BadRequestError('Choose a file')),
      400,
      { error: 'Choose a file', param: null, example: null },
    ],
    [
      { kind: 'not-found', message: 'No exchange account named X', known: ['A', 'B'] },
      404,
      { error: 'No exchange account named X', accounts: ['A', 'B'] },
    ],
    [{ kind: 'unavailable', message: 'Bad .env' }, 503, { error: 'Bad .env' }],
    [
      { kind: 'unavailable', message: 'Cannot connect', database: 'trading' },
      503,
      { error: 'Cannot connect', database: 'trading', retryAfter: 5 },
    ],
  ])('%o -> %i', async (result, status, body) => {
    const r = respond(result, { knownAs: 'accounts' });
    expect(r.status).toBe(status);
    expect(await r.json()).toEqual(body);
  });

  it('tells clients when to retry a database outage', () => {
    const r = respond({ kind: 'unavailable', message: 'x', database: 'dashboards' });
    expect(r.headers.get('retry-after')).toBe('5');
  });

  it('answers a session check that could not reach the user database with a 503', async () => {
    const r = apiUnavailable(new DatabaseUnreachableError('Cannot connect', 'dashboards'));
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({
      error: 'Cannot connect',
      database: 'dashboards',
      retryAfter: 5,
    });
    expect(() => apiUnavailable(new Error('bug'))).toThrow('bug');
  });

  it('lists nothing known unless told under which name', async () => {
    const r = respond({ kind: 'not-found', message: 'unknown strategy "x"', known: ['a'] });
    expect(await r.json()).toEqual({ error: 'unknown strategy "x"' });
  });

  it('lets the route build the answer to a success (e.g. a CSV stream)', async () => {
    const r = respond({ kind: 'ok', data: 'a,b' }, { ok: (ok) => new Response(ok.data) });
    expect(await r.text()).toBe('a,b');
  });

  it('reads a repeated parameter as an array, as pages receive it', () => {
    expect(queryOf(new Request('http://x/api?type=trade&type=fee&start=2024-03-01'))).toEqual({
      type: ['trade', 'fee'],
      start: '2024-03-01',
    });
  });
});
