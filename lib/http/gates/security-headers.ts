import type { GateRequest } from './types';

/**
 * Headers added to every response, and to the request as the pages see it: a Content Security
 * Policy with a fresh nonce per request (Next puts it on its own scripts, reading it from the
 * request's CSP header; pages are dynamically rendered, so every page gets it), Permissions-
 * Policy, HSTS when the request came over HTTPS, and `Cache-Control: no-store` on every API
 * answer (they carry account data). Styles may be inline: charts (Recharts) and React's
 * `style` props set them, and they cannot run code.
 */
export function securityHeaders(request: GateRequest): {
  request: Record<string, string>;
  response: Record<string, string>;
} {
  const nonce = btoa(crypto.randomUUID());
  const https = cameOverHttps(request);
  const csp = contentSecurityPolicy(nonce, https);
  const response: Record<string, string> = {
    'Content-Security-Policy': csp,
    'Permissions-Policy': PERMISSIONS_POLICY,
  };
  // A year; not includeSubDomains: other hosts of the domain are not ours to decide for.
  if (https) response['Strict-Transport-Security'] = 'max-age=31536000';
  if (request.nextUrl.pathname.startsWith('/api/')) response['Cache-Control'] = 'no-store';
  return { request: { 'x-nonce': nonce, 'Content-Security-Policy': csp }, response };
}

/** Nothing here needs a device or sensor. */
export const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()';

export function contentSecurityPolicy(nonce: string, https: boolean): string {
  // `next dev` evaluates code for its fast refresh; a production build never does. NODE_ENV
  // is Next's build-time constant, not configuration.
  const dev = process.env.NODE_ENV === 'development';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/**
 * HTTPS as the browser sees it: the URL's scheme, or behind a TLS-terminating reverse proxy
 * its X-Forwarded-Proto (the first value: the proxy nearest the client).
 */
function cameOverHttps(request: GateRequest): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded ? forwarded === 'https' : request.nextUrl.protocol === 'https:';
}
