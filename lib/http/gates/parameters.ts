import { BadRequestError } from '../../core/errors';
import { matchRoute, type Query } from './routes';
import type { GateDecision, GateRequest } from './types';

/**
 * Every request, the login page and next-auth's endpoints included, before anything else: a
 * path segment that is not valid percent-encoding (`/strategy/%`, `/api/ledger/%C0%AE`) is
 * answered 400 here, naming the route's parameter. Next cannot decode it into `params` and
 * would answer 500.
 */
export function pathGate(request: GateRequest): GateDecision {
  const raw = segmentsOf(request.nextUrl.pathname);
  const bad = raw.findIndex((s) => !decodes(s));
  if (bad === -1) return null;
  const name = matchRoute(raw)?.segments[bad];
  const param = name?.startsWith(':') ? name.slice(1) : 'path';
  const shown = raw[bad].length > 40 ? `${raw[bad].slice(0, 40)}…` : raw[bad];
  const message = `Invalid ${param} "${shown}": not valid percent-encoding (a % must start a %XX escape of UTF-8 bytes, and a % itself is written %25)`;
  return { kind: 'respond', response: badPathResponse(raw[0] === 'api', param, message) };
}

/**
 * A page whose query string its own parser refuses (routes.ts) is answered 400 here and renders
 * the message itself (a page cannot set its status). Route handlers answer their own 400s with
 * the same parsers. Malformed paths are pathGate's.
 */
export function parameterGate(request: GateRequest, now = new Date()): GateDecision {
  const { pathname, searchParams } = request.nextUrl;
  const raw = segmentsOf(pathname);
  if (raw[0] === 'api' || !raw.every(decodes)) return null;
  const route = matchRoute(raw);
  if (!route?.check) return null;
  try {
    route.check(queryOf(searchParams), now);
    return null;
  } catch (err) {
    if (err instanceof BadRequestError) return { kind: 'status', status: 400 };
    throw err;
  }
}

const segmentsOf = (pathname: string) => pathname.split('/').filter((s) => s !== '');

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The query string as a page receives it (a repeated parameter becomes an array). */
function queryOf(params: URLSearchParams): Query {
  const out = Object.create(null) as Query;
  for (const [k, v] of params) {
    const prev = Object.hasOwn(out, k) ? out[k] : undefined;
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** JSON as every API route's 400 (app/api/respond.ts); for a page, a small page of its own. */
function badPathResponse(isApi: boolean, param: string, message: string): Response {
  if (isApi) return Response.json({ error: message, param, example: null }, { status: 400 });
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bad request · Gryphon Dashboards</title>
<meta name="robots" content="noindex"></head>
<body><main class="page"><div class="alert error" role="alert" data-param="${escapeHtml(param)}">
<strong>Invalid ${escapeHtml(param)}.</strong><div>${escapeHtml(message)}</div></div>
<p><a href="/">Back to the overview</a></p></main></body></html>
`;
  return new Response(html, {
    status: 400,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
