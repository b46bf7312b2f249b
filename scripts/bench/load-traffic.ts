import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Target } from './load-targets';

/** One answered (or failed) request. `status` 0 is a network error or timeout. */
export interface Sample {
  target: Target;
  status: number;
  ms: number;
  /** Why a 200 still counts as a failure (an error panel in the page), or the network error. */
  problem?: string;
}

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * One logged-in user clicking through every dashboard as fast as the server answers: one
 * request at a time, each session starting at its own place in the list so that the sessions
 * do not all ask for the same page at once. Stops starting requests at `until`.
 */
export async function runSession(opts: {
  base: string;
  cookie: string;
  targets: Target[];
  offset: number;
  until: number;
  /** Stop after this many requests (the warm-up: one pass). */
  limit?: number;
  record: (s: Sample) => void;
}): Promise<void> {
  const { targets } = opts;
  const last = opts.offset + (opts.limit ?? Infinity);
  for (let i = opts.offset; i < last && performance.now() < opts.until; i++) {
    const target = targets[i % targets.length];
    const t0 = performance.now();
    try {
      const res = await fetch(`${opts.base}${target.path}`, {
        headers: { cookie: opts.cookie },
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = await res.text();
      opts.record({
        target,
        status: res.status,
        ms: performance.now() - t0,
        problem: res.status === 200 && target.kind === 'page' ? pageProblem(body) : undefined,
      });
    } catch (err) {
      opts.record({ target, status: 0, ms: performance.now() - t0, problem: networkError(err) });
    }
  }
}

/**
 * A page answered 200 that still shows a failure: an error panel (the database unreachable or
 * too slow, lib/http) or an error streamed into a Suspense boundary after the status was sent
 * (Next marks it with a digest; not-found and redirects have their own digests).
 */
function pageProblem(html: string): string | undefined {
  if (html.includes('class="alert error"')) return 'error panel';
  const digest = /data-dgst="([^"]*)"/.exec(html)?.[1];
  if (digest && !/^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK|NOT_FOUND)/.test(digest))
    return `streamed error (digest ${digest})`;
  return undefined;
}

function networkError(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError')
    return `timeout ${REQUEST_TIMEOUT_MS} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (err instanceof Error ? err.message : String(err));
}

/** One flood request: the CSRF token or the login attempt, with what the server said. */
export interface FloodSample {
  step: 'csrf' | 'login';
  status: number;
  ms: number;
  /** The login form's message (`error` in the returned URL), or the network error. */
  answer: string;
}

/**
 * An anonymous client trying passwords for unknown usernames as fast as it is answered, the way
 * the login form does it (next-auth's CSRF token and cookie, then the credentials callback).
 * `localAddress` picks its source address on the loopback network: each client its own
 * address is a flood from many machines, which the per-address lockout (20 failures) does not
 * stop early.
 */
export async function runFloodClient(opts: {
  base: string;
  localAddress: string;
  until: number;
  record: (s: FloodSample) => void;
}): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, localAddress: opts.localAddress });
  try {
    while (performance.now() < opts.until) {
      let t0 = performance.now();
      const csrf = await request(`${opts.base}/api/auth/csrf`, { agent });
      opts.record({ step: 'csrf', status: csrf.status, ms: performance.now() - t0, answer: '' });
      if (csrf.status !== 200) continue;
      const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
      t0 = performance.now();
      const login = await request(`${opts.base}/api/auth/callback/credentials`, {
        agent,
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: csrf.cookies.join('; '),
        },
        body: new URLSearchParams({
          csrfToken,
          username: `nobody-${randomBytes(4).toString('hex')}`,
          password: 'not the password',
          json: 'true',
        }).toString(),
      });
      opts.record({
        step: 'login',
        status: login.status,
        ms: performance.now() - t0,
        answer: login.status === 0 ? login.body : loginAnswer(login.body),
      });
    }
  } finally {
    agent.destroy();
  }
}

function loginAnswer(body: string): string {
  try {
    const url = (JSON.parse(body) as { url?: string }).url ?? '';
    return new URL(url, 'http://x').searchParams.get('error') ?? '(no error)';
  } catch {
    return '(not JSON)';
  }
}

interface Answer {
  status: number;
  body: string;
  cookies: string[];
}

/** node:http rather than fetch: fetch cannot choose the source address. Status 0: failed. */
function request(
  url: string,
  opts: { agent: http.Agent; method?: string; headers?: http.OutgoingHttpHeaders; body?: string },
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { agent: opts.agent, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]),
          }),
        );
        res.on('error', (err) => resolve({ status: 0, body: err.message, cookies: [] }));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ status: 0, body: err.code ?? err.message, cookies: [] }),
    );
    req.end(opts.body);
  });
}
