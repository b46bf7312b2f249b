import type { GateDecision, GateRequest } from './types';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: a state-changing request (any method but GET, HEAD, OPTIONS)
 * must come from our own pages. Browsers say where a request comes from in Sec-Fetch-Site
 * (refused unless same-origin or none, i.e. typed by the user) and Origin (refused unless its
 * host is the host the request was sent to: X-Forwarded-Host behind a reverse proxy, else
 * Host; the scheme is not compared, as a TLS-terminating proxy changes it). A request with
 * neither header does not come from a browser, so it carries no victim's cookie by accident;
 * the session check still applies to it. next-auth's own POSTs (/api/auth) never reach the
 * proxy: next-auth checks its CSRF token itself.
 */
export function originGate(request: GateRequest): GateDecision {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return refuse(request, `a ${site} page`);
  const origin = request.headers.get('origin');
  if (origin === null) return null;
  const host = expectedHost(request);
  if (origin === 'null' || !host || hostOf(origin) !== host) return refuse(request, origin);
  return null;
}

function expectedHost(request: GateRequest): string | null {
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const host = forwarded || request.headers.get('host') || new URL(request.url).host;
  return host ? withoutDefaultPort(host) : null;
}

function hostOf(origin: string): string | null {
  try {
    return withoutDefaultPort(new URL(origin).host);
  } catch {
    return null;
  }
}

/** `Host: example.com:443` and `Origin: https://example.com` name the same host. */
const withoutDefaultPort = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');

function refuse(request: GateRequest, from: string): GateDecision {
  const message = 'Refused: this request came from another site. Use the dashboard pages.';
  console.warn(
    `origin gate: ${request.method} ${request.nextUrl.pathname} from ${from.slice(0, 100)} refused`,
  );
  return {
    kind: 'respond',
    response: request.nextUrl.pathname.startsWith('/api/')
      ? Response.json({ error: message }, { status: 403 })
      : new Response(message, { status: 403, headers: { 'Content-Type': 'text/plain' } }),
  };
}
