import type { GateRequest } from './types';

/**
 * Headers added to every response, and to the request as the pages see it (for example a CSP
 * nonce). Empty for now (filled in by the hardening issue).
 */
export function securityHeaders(request: GateRequest): {
  request: Record<string, string>;
  response: Record<string, string>;
} {
  void request;
  return { request: {}, response: {} };
}
