import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppUser, testApp } from '../helpers/app';
import { rawRequest, sessionCookie, type RawRequest, type RawResponse } from '../helpers/raw-http';
import { connectUrl, idAbove } from '../helpers/sql';

/**
 * Property: no request, however malformed, gets a 5xx while the databases are up; a 400 names
 * the parameter at fault (JSON `param`, or `data-param` on the page's message). Generated
 * requests against the production build, with a valid session, over every route file under
 * app/ (read from the file system, so a new route is fuzzed without editing this file):
 * path segments (malformed percent-encoding, __proto__, very long, unicode), query strings
 * (repeated keys, huge numbers, bad dates, empty values), methods and bodies.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run --project
 * browser tests/browser/fuzz.test.ts (FUZZ_RUNS changes the number of batches; FUZZ_COLLECT=1
 * lists every failing request instead of shrinking the first).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 240);
/** FUZZ_COLLECT=1: run every batch and list every failure, instead of stopping at the first. */
const COLLECT = process.env.FUZZ_COLLECT === '1';
/** Requests of one batch run at once: some concurrency, as a busy server sees. */
const MAX_BATCH = 12;
/** Answers slower than this are listed (not failed): the fuzz should stay within a minute. */
const SLOW_MS = 3000;

const USER = 'fuzz-tester';
const PASSWORD = 'fuzz tests password';
const ACCOUNT = 'FUZZ_BTC_USD';
const ACTOR = 'FUZZBOT';

const APP_DIR = fileURLToPath(new URL('../../app', import.meta.url));
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

type Segment = { literal: string } | { param: string; catchAll: boolean };
interface RouteFile {
  file: string;
  segments: Segment[];
  /** Methods a route handler exports; pages answer GET. */
  methods: string[];
}

/** Every page.tsx and route.ts under app/, as URL templates (route groups dropped). */
function routeFiles(): RouteFile[] {
  const files = readdirSync(APP_DIR, { recursive: true, encoding: 'utf8' }).filter((f) =>
    /(^|\/)(page\.tsx|route\.ts)$/.test(f),
  );
  return files.sort().map((file) => {
    const dirs = path
      .dirname(file)
      .split(path.sep)
      .filter((d) => d !== '.');
    const segments: Segment[] = dirs
      .filter((d) => !/^\(.*\)$/.test(d))
      .map((d) => {
        const m = /^\[(\.\.\.)?(.+)\]$/.exec(d);
        return m ? { param: m[2], catchAll: Boolean(m[1]) } : { literal: d };
      });
    let methods = ['GET'];
    if (file.endsWith('route.ts')) {
      const text = readFileSync(path.join(APP_DIR, file), 'utf8');
      methods = HTTP_METHODS.filter((m) =>
        new RegExp(`export\\s+(async\\s+)?function\\s+${m}\\b|\\bas\\s+${m}\\b`).test(text),
      );
    }
    return { file, segments, methods };
  });
}

/** Node refuses a raw path with characters outside ! to ÿ; `?`, `#` and `/` would change it. */
const rawSafe = (s: string) => s.replace(/[^\x21-\x7e]|[?#/]/gu, encodeURIComponent);

const MALFORMED = [
  '%',
  '%2',
  '%G1',
  '%C0%AE',
  '%25',
  '%2525',
  '%E2%82',
  '%FF',
  '%00',
  '%%',
  '%u00e9',
];
const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'];
const DOTS = ['.', '..', '%2e%2e', '%2F', '%5C', '%20', '%0A'];

function segmentArb(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED, ...PROTO, ...DOTS) },
    {
      weight: 2,
      arbitrary: fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
        .map(encodeURIComponent),
    },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(rawSafe) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('a', '%41', 'é', '%'), fc.integer({ min: 100, max: 3000 }))
        .map(([c, n]) => rawSafe(c.repeat(n))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...known), fc.constantFrom(...MALFORMED))
        .map(([a, b]) => a + b),
    },
  );
}

const QUERY_KEYS = [
  'start',
  'end',
  'currency',
  'type',
  'sort',
  'size',
  'cursor',
  'tolerance',
  'error',
  'callbackUrl',
  'message',
  'foo',
  '',
  ...PROTO,
];

const valueArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2024-03-01',
    '2024-03-02T13:00:00Z',
    '2024-03-01T13:00:00+02:00',
    '2024-13-01',
    '2024-02-30',
    '0000-01-01',
    '9999-12-31',
    '275760-09-13',
    'yesterday',
    'now',
    '',
    ' ',
    '1e309',
    '99999999999999999999999',
    '-1',
    'NaN',
    'Infinity',
    '0x10',
    '50',
    '100',
    '1000',
    'BTC',
    'btc',
    'trade,fee',
    'newest',
    'oldest',
    'after:1709294405-t123-1',
    'before:',
    'no-file',
    'too-large',
  ),
  fc.constantFrom(...MALFORMED, ...PROTO),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
  fc.string({ maxLength: 30 }).map((s) => rawSafe(s).replace(/[&=]/g, '')),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.date({ noInvalidDate: true }).map((d) => encodeURIComponent(d.toISOString())),
  fc.integer({ min: 100, max: 3000 }).map((n) => 'x'.repeat(n)),
);

const queryArb: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), valueArb), valueArb), {
    maxLength: 6,
  })
  .map((pairs) =>
    pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${rawSafe(k)}=${rawSafe(v)}`).join('&')}`,
  );

interface Body {
  contentType?: string;
  body?: string;
}
const BOUNDARY = 'fuzzboundary7MA4YWxk';
const multipart = (parts: Array<[string, string, string?]>) =>
  parts
    .map(
      ([name, value, file]) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"` : ''}\r\n${file ? 'Content-Type: text/csv\r\n' : ''}\r\n${value}\r\n`,
    )
    .join('') + `--${BOUNDARY}--\r\n`;

const textArb = fc.string({ unit: 'grapheme', maxLength: 200 });
const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  fc.constant({}),
  textArb.map((body) => ({ contentType: 'text/plain', body })),
  fc.json().map((body) => ({ contentType: 'application/json', body })),
  textArb.map((body) => ({ contentType: 'application/json', body })),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })).map((d) => ({
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(d).toString(),
  })),
  textArb.map((body) => ({ contentType: 'multipart/form-data', body })),
  textArb.map((body) => ({ contentType: `multipart/form-data; boundary=${BOUNDARY}`, body })),
  fc
    .tuple(
      fc.constantFrom('time,amount,asset\n2024-03-01T10:00:00Z,1.5,BTC\n', 'a,b\n1,2\n', '', 'x'),
      fc.constantFrom('time', 'amount', '', 'nope', '__proto__'),
      fc.constantFrom('amount', '', 'time'),
      fc.constantFrom('asset', '', 'constructor'),
    )
    .map(([csv, t, a, c]) => ({
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      body: multipart([
        ['file', csv, 'statement.csv'],
        ['map_time', t],
        ['map_amount', a],
        ['map_currency', c],
      ]),
    })),
);

interface Generated extends RawRequest {
  route: string;
}

function requestArb(routes: RouteFile[], known: Record<string, string[]>): fc.Arbitrary<Generated> {
  return fc.constantFrom(...routes).chain((route) => {
    const segs = route.segments.map((s) => {
      if ('literal' in s) return fc.constant(s.literal);
      const seg = segmentArb(known[s.param] ?? ['x']);
      return s.catchAll
        ? fc.array(seg, { minLength: 1, maxLength: 3 }).map((a) => a.join('/'))
        : seg;
    });
    const method = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...route.methods) },
      { weight: 1, arbitrary: fc.constantFrom(...HTTP_METHODS) },
    );
    return fc
      .record({
        segs: fc.tuple(...segs),
        query: queryArb,
        method,
        body: bodyArb,
        json: fc.boolean(),
        client: fc.integer({ min: 1, max: 254 }),
      })
      .map(({ segs, query, method, body, json, client }) => {
        const hasBody = !['GET', 'HEAD'].includes(method) && body.body !== undefined;
        return {
          route: route.file,
          method,
          path: `/${segs.join('/')}${query}`,
          body: hasBody ? body.body : undefined,
          headers: {
            ...(hasBody && body.contentType ? { 'content-type': body.contentType } : {}),
            ...(json ? { accept: 'application/json' } : {}),
            // Login attempts of the fuzz count against addresses of their own.
            'x-forwarded-for': `198.51.100.${client}`,
          },
        };
      });
  });
}

/** What a 400 must carry: the parameter it is about. */
function namedParameter(r: RawResponse): string | null {
  if ((r.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const param = (JSON.parse(r.body) as { param?: unknown }).param;
      return typeof param === 'string' && param !== '' ? param : null;
    } catch {
      return null;
    }
  }
  return /data-param="([^"]+)"/.exec(r.body)?.[1] ?? null;
}

describe('fuzzing every route with malformed requests', () => {
  const app = testApp();
  const routes = routeFiles();
  const known: Record<string, string[]> = {
    actor: ['simple_mm', ACTOR.toLowerCase(), `actor:${ACTOR}`],
    exchange: [ACCOUNT.toLowerCase(), ACCOUNT],
    currency: ['btc', 'usd'],
    statementId: ['1', '999999'],
    nextauth: ['session', 'csrf', 'providers', 'signin', 'signout', 'error', '_log'],
  };
  let cookie = '';

  beforeAll(async () => {
    const conn = await connectUrl(app.tradingWriteUrl);
    try {
      const [e, o, t] = [
        await idAbove(conn, 'exchange'),
        await idAbove(conn, 'order'),
        await idAbove(conn, 'trade'),
      ];
      await conn.query(
        'INSERT INTO `exchange` (`exchange_id`, `unique_id`, `name`, `balance`) VALUES (?, ?, ?, ?)',
        [e, 'fuzz-e1', ACCOUNT, '{"BTC": "BTC 1.5", "USD": "USD 100"}'],
      );
      await conn.query(
        'INSERT INTO `order` (`order_id`, `status`, `order_type`, `unique_id`, `actor`, `exchange_rate`, `time_created`, ' +
          '`exchange_name`, `price`, `price_currency`, `volume`, `volume_currency`) VALUES (?)',
        [
          [
            o,
            'FILLED',
            'BID',
            'fuzz-o1',
            ACTOR,
            1,
            '2024-03-01 10:00:00',
            ACCOUNT,
            60000,
            'USD',
            1.5,
            'BTC',
          ],
        ],
      );
      await conn.query(
        'INSERT INTO `trade` (`trade_id`, `trade_type`, `unique_id`, `time_created`, `fee`, `fee_currency`, `price`, ' +
          '`price_currency`, `volume`, `volume_currency`, `order_id`) VALUES (?)',
        [[t, 'BID', 'fuzz-t1', '2024-03-01 10:00:00', 1, 'USD', 90000, 'USD', 1.5, 'BTC', o]],
      );
    } finally {
      await conn.end();
    }
    await createAppUser(USER, PASSWORD);
    cookie = await sessionCookie(app.baseUrl, USER, PASSWORD);
    // A stored statement, so that /ledger/<account>/reconcile/<id> reaches its parameters.
    const upload = await rawRequest(app.baseUrl, {
      method: 'POST',
      path: `/api/ledger/${ACCOUNT.toLowerCase()}/statements`,
      headers: {
        cookie,
        accept: 'application/json',
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      body: multipart([
        ['file', 'time,amount,asset\n2024-03-01T10:00:00Z,1.5,BTC\n', 'fuzz.csv'],
        ['map_time', 'time'],
        ['map_amount', 'amount'],
        ['map_currency', 'asset'],
      ]),
    });
    expect(upload.status, upload.body).toBe(201);
    known.statementId.unshift(
      String((JSON.parse(upload.body) as { statementId: number }).statementId),
    );
  });

  it('finds the route files under app/', () => {
    const files = routes.map((r) => r.file);
    expect(files).toContain('(dashboards)/strategy/[actor]/page.tsx');
    expect(files).toContain('api/ledger/[exchange]/statements/route.ts');
    expect(
      routes.find((r) => r.file === 'api/ledger/[exchange]/statements/route.ts')?.methods,
    ).toEqual(['POST']);
    expect(routes.find((r) => r.file.startsWith('api/auth'))?.methods).toEqual(['GET', 'POST']);
  });

  it('answers every generated request below 500, and every 400 names its parameter', async () => {
    const statuses = new Map<number, number>();
    const hit = new Set<string>();
    let requests = 0;
    const failures: string[] = [];
    const slow: string[] = [];
    const started = Date.now();
    console.log(`[fuzz] seed ${SEED}, ${RUNS} batches of 1 to ${MAX_BATCH} requests`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(requestArb(routes, known), { minLength: 1, maxLength: MAX_BATCH }),
        async (batch) => {
          const answers = await Promise.all(
            batch.map(async (req) => {
              const t0 = Date.now();
              const r = await rawRequest(app.baseUrl, {
                ...req,
                headers: { ...req.headers, cookie },
              }).catch((err: Error) => ({
                status: 599,
                headers: {},
                body: `no answer: ${err.message}`,
              }));
              const ms = Date.now() - t0;
              if (ms > SLOW_MS) slow.push(`${ms} ms: ${req.method} ${req.path.slice(0, 200)}`);
              return r;
            }),
          );
          answers.forEach((r, i) => {
            requests++;
            hit.add(batch[i].route);
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            const what = `${batch[i].method} ${batch[i].path.slice(0, 300)} -> ${r.status}`;
            const problem =
              r.status >= 500
                ? `${what}\n${r.body.slice(0, 500)}`
                : r.status === 400 && batch[i].method !== 'HEAD' && namedParameter(r) === null
                  ? `${what}: a 400 naming no parameter\n${r.body.slice(0, 500)}`
                  : null;
            if (problem && COLLECT) failures.push(problem);
            else if (problem) throw new Error(problem);
          });
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: false, interruptAfterTimeLimit: 120_000 },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const seen = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
    console.log(`[fuzz] ${requests} requests in ${seconds} s; statuses ${seen.join(', ')}`);
    if (slow.length)
      console.log(`[fuzz] ${slow.length} slow answers:\n${slow.slice(0, 20).join('\n')}`);
    expect(failures.slice(0, 30)).toEqual([]);
    expect([...hit].sort()).toEqual(routes.map((r) => r.file).sort());
  }, 180_000);
});
