import { classifyRequest, decideAccess, parseStoredScope, roleOf } from '../../auth/domain/access';
import { sessionToken } from './token';
import type { GateDecision, GateRequest } from './types';

/**
 * Roles and scopes (lib/auth/domain/access.ts), from the session token's claims: an API the
 * user may not call gets 403 JSON with the reason here; a page gets status 403 and renders
 * the reason itself (its requireUser() decides the same from the user's row and shows
 * app/(dashboards)/forbidden.tsx). Runs after the session gate, so the token is valid. A token
 * from before roles existed has no role claim: requireUser alone decides then.
 */
export async function accessGate(request: GateRequest): Promise<GateDecision> {
  const token = await sessionToken(request);
  if (!token || typeof token.role !== 'string') return null;
  const principal = {
    role: roleOf(token.role),
    scope: parseStoredScope(typeof token.scope === 'string' ? token.scope : null),
  };
  const { pathname } = request.nextUrl;
  const access = decideAccess(principal, classifyRequest(pathname, request.method));
  if (access.ok) return null;
  if (pathname.startsWith('/api/')) {
    return {
      kind: 'respond',
      response: Response.json({ error: access.message }, { status: 403 }),
    };
  }
  return { kind: 'status', status: 403, headers: { 'Cache-Control': 'no-store' } };
}
