import http from 'node:http';

/**
 * Requests with the path sent exactly as given (node:http, not fetch): fetch and browsers
 * normalise URLs (`..`, backslashes, re-encoding), which would hide the malformed requests the
 * fuzz test is about. Node still refuses raw spaces and control characters in a path, so
 * callers percent-encode those.
 */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

// A connection per request: reusing idle keep-alive sockets races the server's keep-alive
// timeout (the client writes as the server closes: ECONNRESET), a failure of the client.
const agent = new http.Agent({ keepAlive: false });

/** One request; the body is read whole (at most `maxBody` characters are kept). */
export function rawRequest(
  baseUrl: string,
  req: RawRequest,
  opts: { timeoutMs?: number; maxBody?: number } = {},
): Promise<RawResponse> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers: {
          ...(req.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(req.body)) }
            : {}),
          ...req.headers,
        },
        timeout: opts.timeoutMs ?? 30_000,
        // Next repeats a long path in some response headers; past Node's 16 KB the client fails.
        maxHeaderSize: 1024 * 1024,
      },
      (res) => {
        let body = '';
        const max = opts.maxBody ?? 200_000;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < max) body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`timeout: ${req.method} ${req.path.slice(0, 200)}`)));
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** Cookie header value (name=value; ...) from a response's Set-Cookie headers, merged into `jar`. */
function mergeCookies(jar: Map<string, string>, setCookie: string[] | undefined): void {
  for (const line of setCookie ?? []) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

/**
 * Logs in through next-auth's credentials endpoint (as the login form does) and returns the
 * Cookie header that carries the session.
 */
export async function sessionCookie(
  baseUrl: string,
  username: string,
  password: string,
): Promise<string> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await rawRequest(baseUrl, { method: 'GET', path: '/api/auth/csrf' });
  mergeCookies(jar, csrf.headers['set-cookie']);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, username, password, json: 'true' }).toString();
  const login = await rawRequest(baseUrl, {
    method: 'POST',
    path: '/api/auth/callback/credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: form,
  });
  mergeCookies(jar, login.headers['set-cookie']);
  if (![...jar.keys()].some((k) => k.endsWith('gryphon-dashboards.session')))
    throw new Error(`login as ${username} failed: ${login.status} ${login.body.slice(0, 300)}`);
  return cookie();
}
