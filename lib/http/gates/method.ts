import type { GateDecision, GateRequest } from './types';

/**
 * OPTIONS to a page: Next answers it with an empty 400 (a page has no OPTIONS handler), which
 * reads as a bad parameter; it is a method the page does not answer. Route handlers answer
 * their own methods (Next gives them 405 or OPTIONS itself).
 */
export function methodGate(request: GateRequest): GateDecision {
  if (request.method !== 'OPTIONS' || request.nextUrl.pathname.startsWith('/api/')) return null;
  return {
    kind: 'respond',
    response: new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } }),
  };
}
