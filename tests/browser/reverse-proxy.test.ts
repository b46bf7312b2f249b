/**
 * The production server behind Debian's nginx running deploy/nginx-gryphon-dashboards.conf
 * (only its ports, certificate and upstream replaced) with a self-signed certificate: login,
 * the Secure cookie, HSTS, the origin check, and the address the login limits count, through
 * nginx and straight at the app port.
 *
 * Addresses: the app (tests/setup/app-server.ts) listens on 127.0.0.1 and trusts only
 * 127.0.0.2, the address nginx connects from here (`proxy_bind`). Clients talk to nginx from
 * other loopback addresses (Linux answers the whole of 127/8), so each address seen by the app
 * says who reported it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../scripts/lib/process-utils';
import { createAppUser, testApp } from '../helpers/app';
import { connectUrl } from '../helpers/sql';
import { fileTail, REPO_ROOT } from '../setup/next-server';

const USER = 'proxied-tester';
const PASSWORD = 'reverse proxy tests password';
const COOKIE = 'gryphon-dashboards.session';
const SITE = path.join(REPO_ROOT, 'deploy/nginx-gryphon-dashboards.conf');
/** Debian installs it in /usr/sbin, which is not on an ordinary user's PATH. */
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection, from `localAddress`; the test certificate is accepted. */
function send(
  url: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    localAddress?: string;
  } = {},
): Promise<Answer> {
  const u = new URL(url);
  const client = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      u,
      {
        method: opts.method ?? 'GET',
        headers: opts.headers,
        localAddress: opts.localAddress,
        agent: false,
        rejectUnauthorized: false,
        timeout: 30_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

const setCookies = (a: Answer) => a.headers['set-cookie'] ?? [];
const cookieHeader = (cookies: string[]) => cookies.map((c) => c.split(';')[0]).join('; ');

/** The login form's two requests (next-auth's CSRF token, then the credentials). */
async function logIn(
  base: string,
  username: string,
  password: string,
  opts: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<{ setCookies: string[]; error: string | null }> {
  const csrf = await send(`${base}/api/auth/csrf`, opts);
  expect(csrf.status, csrf.body).toBe(200);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const r = await send(`${base}/api/auth/callback/credentials`, {
    ...opts,
    method: 'POST',
    headers: {
      ...opts.headers,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader(setCookies(csrf)),
    },
    body: new URLSearchParams({ csrfToken, username, password, json: 'true' }).toString(),
  });
  const { url } = JSON.parse(r.body) as { url?: string };
  return {
    setCookies: setCookies(r),
    error: new URL(url ?? '/', base).searchParams.get('error'),
  };
}

/** The addresses the app recorded for this username's login attempts. */
async function recordedAddresses(username: string): Promise<string[]> {
  const conn = await connectUrl(testApp().dashboardsUrl);
  try {
    const [rows] = await conn.query<RowDataPacket[]>(
      'SELECT ip FROM `login_attempt` WHERE username = ? ORDER BY attempt_id',
      [username],
    );
    return rows.map((r) => r.ip as string);
  } finally {
    await conn.end();
  }
}

/**
 * The shipped site with what differs on a test machine replaced; each replacement must match,
 * so a changed site file fails here instead of being tested half.
 */
function testSite(site: string, ports: { http: number; https: number; app: number }, dir: string) {
  const replacements: Array<[RegExp, string]> = [
    [/^\s*listen \[::\]:80;\n/m, ''],
    [/^\s*listen \[::\]:443 ssl;\n/m, ''],
    [/listen 80;/, `listen 127.0.0.1:${ports.http};`],
    [/listen 443 ssl;/, `listen 127.0.0.1:${ports.https} ssl;`],
    [/ssl_certificate \S+;/, `ssl_certificate ${dir}/cert.pem;`],
    [/ssl_certificate_key \S+;/, `ssl_certificate_key ${dir}/key.pem;`],
    [/proxy_pass http:\/\/127\.0\.0\.1:8080;/, `proxy_pass http://127.0.0.1:${ports.app};`],
  ];
  for (const [pattern, replacement] of replacements) {
    expect(site, `deploy/nginx-gryphon-dashboards.conf: ${pattern}`).toMatch(pattern);
    site = site.replace(pattern, replacement);
  }
  return site;
}

describe('behind nginx (deploy/nginx-gryphon-dashboards.conf)', () => {
  const app = testApp();
  const appPort = Number(new URL(app.baseUrl).port);
  let dir: string;
  let nginx: ChildProcess | undefined;
  let base: string;
  let plainBase: string;
  const stopNginx = () => nginx?.kill('SIGKILL');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gryphon-nginx-'));
    const cert = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        `${dir}/key.pem`,
        '-out',
        `${dir}/cert.pem`,
      ],
      { encoding: 'utf8' },
    );
    expect(cert.status, cert.stderr).toBe(0);

    const ports = { http: await findFreePort(), https: await findFreePort(), app: appPort };
    writeFileSync(path.join(dir, 'site.conf'), testSite(readFileSync(SITE, 'utf8'), ports, dir));
    // Everything nginx writes stays in `dir`; as root, workers keep root rather than fail to
    // read `dir` as nobody.
    const asRoot = process.getuid?.() === 0;
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      `${asRoot ? 'user root;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_bind ${app.trustedProxy};
  include ${dir}/site.conf;
}
`,
    );
    const log = openSync(path.join(dir, 'nginx.out'), 'w');
    nginx = spawn(
      NGINX,
      ['-p', dir, '-c', `${dir}/nginx.conf`, '-e', `${dir}/error.log`, '-g', 'daemon off;'],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    let spawnError: Error | undefined;
    nginx.on('error', (err) => (spawnError = err));
    process.on('exit', stopNginx);
    base = `https://127.0.0.1:${ports.https}`;
    plainBase = `http://127.0.0.1:${ports.http}`;

    const deadline = Date.now() + 20_000;
    for (;;) {
      if (spawnError)
        throw new Error(`nginx could not start (apt-get install nginx): ${spawnError.message}`);
      if (nginx.exitCode !== null)
        throw new Error(`nginx exited (${nginx.exitCode}):\n${fileTail(`${dir}/error.log`)}`);
      const ok = await send(`${base}/login`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline)
        throw new Error(`nginx did not answer in 20 s:\n${fileTail(`${dir}/error.log`)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await createAppUser(USER, PASSWORD);
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    process.off('exit', stopNginx);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('redirects plain HTTP to HTTPS', async () => {
    const r = await send(`${plainBase}/login?x=1`);
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('https://127.0.0.1/login?x=1');
  });

  it('logs in over HTTPS with a Secure, httpOnly session cookie, and sends HSTS', async () => {
    const { setCookies: cookies, error } = await logIn(base, USER, PASSWORD);
    expect(error).toBeNull();
    const session = cookies.find((c) => c.startsWith(`${COOKIE}=`));
    expect(session).toBeDefined();
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);

    const home = await send(`${base}/`, { headers: { cookie: cookieHeader(cookies) } });
    expect(home.status).toBe(200);
    expect(home.body.includes(`>${USER}</a>`), 'the page names the logged-in user').toBe(true);
    expect(home.headers['strict-transport-security']).toBe('max-age=31536000');
    const login = await send(`${base}/login`);
    expect(login.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it("passes the browser's host and port on: a same-origin form post passes the origin check, another site's does not", async () => {
    const { setCookies: cookies } = await logIn(base, USER, PASSWORD);
    const post = (origin: string) =>
      send(`${base}/api/ledger/no-such-account/statements`, {
        method: 'POST',
        headers: {
          origin,
          cookie: cookieHeader(cookies),
          accept: 'application/json',
          'content-type': 'multipart/form-data; boundary=x',
        },
        body: '--x--\r\n',
      });
    const same = await post(base);
    expect(same.status, same.body).not.toBe(403);
    expect([400, 404]).toContain(same.status);
    expect((await post('https://evil.example')).status).toBe(403);
  });

  it("lets a statement upload through up to the app's own limit, so the app explains a refusal", async () => {
    const { setCookies: cookies } = await logIn(base, USER, PASSWORD);
    const upload = (bytes: number) =>
      send(`${base}/api/ledger/no-such-account/statements`, {
        method: 'POST',
        headers: {
          cookie: cookieHeader(cookies),
          accept: 'application/json',
          'content-type': 'multipart/form-data; boundary=x',
        },
        body: Buffer.alloc(bytes, 'a'),
      });
    const MB = 1024 * 1024;
    // Over the app's 10 MB (plus form) but within nginx's 11m: the app's own answer.
    const app413 = await upload(10.5 * MB);
    expect(app413.status).toBe(413);
    expect(app413.body).toContain('larger than 10 MB');
    // Past nginx's limit: nginx's page, the app never sees it.
    const nginx413 = await upload(11.5 * MB);
    expect(nginx413.status).toBe(413);
    expect(nginx413.body).toContain('nginx');
  });

  it('counts failed logins under the address nginx reports, not what the client writes', async () => {
    const username = `nobody-via-nginx-${Date.now()}`;
    const { error } = await logIn(base, username, 'wrong password', {
      localAddress: '127.0.0.3',
      headers: { 'x-forwarded-for': '6.6.6.6' },
    });
    expect(error).toBe('Wrong username or password.');
    expect(await recordedAddresses(username)).toEqual(['127.0.0.3']);
  });

  it('locks out the address nginx reports after 20 failures, and only that address', async () => {
    const conn = await connectUrl(app.dashboardsUrl);
    try {
      await conn.query(
        'INSERT INTO `login_attempt` (username, ip, succeeded, time_created) ' +
          "SELECT CONCAT('guess-', seq), '127.0.0.5', 0, UTC_TIMESTAMP() FROM seq_1_to_20",
      );
    } finally {
      await conn.end();
    }
    const locked = await logIn(base, USER, PASSWORD, { localAddress: '127.0.0.5' });
    expect(locked.error).toMatch(/^Too many failed login attempts/);
    expect(locked.setCookies.some((c) => c.startsWith(`${COOKIE}=`))).toBe(false);
    const other = await logIn(base, USER, PASSWORD, { localAddress: '127.0.0.6' });
    expect(other.error).toBeNull();
  });

  it('does not let a client reaching the app port directly choose its address', async () => {
    const username = `nobody-direct-${Date.now()}`;
    for (const localAddress of ['127.0.0.1', '127.0.0.4']) {
      const { error } = await logIn(app.baseUrl, username, 'wrong password', {
        localAddress,
        headers: { 'x-forwarded-for': '6.6.6.6' },
      });
      expect(error).toBe('Wrong username or password.');
    }
    expect(await recordedAddresses(username)).toEqual(['127.0.0.1', '127.0.0.4']);
  });
});
