import type { GateDecision, GateRequest } from './types';

/**
 * A page answers GET and HEAD, and POST only as a server action (`Next-Action` header, sent by
 * the page's own script: forms of /admin/users and /account need JavaScript). OPTIONS, other
 * POSTs, PUT, PATCH, DELETE get 405: Next would answer them with an empty or unnamed 400, which
 * reads as a bad parameter. Route handlers answer their own methods (Next gives them 405 or
 * OPTIONS itself).
 */
export function methodGate(request: GateRequest): GateDecision {
  if (request.nextUrl.pathname.startsWith('/api/')) return null;
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') return null;
  // The admin and account pages' forms are server actions: Next sends them as POSTs with a
  // Next-Action header. Any other POST to a page would reach Next's action decoding, which
  // answers a multipart body with a bare "Invalid Server Action request" 400 naming nothing.
  if (method === 'POST' && request.headers.has('next-action')) return null;
  return {
    kind: 'respond',
    response: new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } }),
  };
}
