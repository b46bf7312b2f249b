import type { GateDecision, GateRequest } from './types';

/** The API paths whose route handlers take more than GET (a unit test checks app/api). */
export const API_WRITES = /^\/api\/(auth\/.+|ledger\/[^/]+\/statements(\/[^/]+)?)$/;

/**
 * A page answers GET and HEAD, and POST only as a server action (`Next-Action` header, sent by
 * the page's own script: forms of /admin/users and /account need JavaScript). OPTIONS, other
 * POSTs, PUT, PATCH, DELETE get 405: Next would answer them with an empty or unnamed 400, which
 * reads as a bad parameter. Route handlers answer their own methods (Next gives them 405 or
 * OPTIONS itself).
 */
export function methodGate(request: GateRequest): GateDecision {
  const method = request.method.toUpperCase();
  if (request.nextUrl.pathname.startsWith('/api/')) {
    if (method === 'GET' || method === 'HEAD' || API_WRITES.test(request.nextUrl.pathname))
      return null;
    // No route handler takes it: Next would hand a POST to the not-found page as a form
    // action, whose body parsing fails with a 500 (seen with /api/ledger/%2e%2e/statements,
    // which the URL parser turns into /api/statements).
    return {
      kind: 'respond',
      response: Response.json(
        { error: `${method} is not accepted here: no API takes it at this path` },
        { status: 405, headers: { Allow: 'GET, HEAD' } },
      ),
    };
  }
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
