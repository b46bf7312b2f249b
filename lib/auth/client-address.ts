import { getEnv } from '../core/env';
import { clientIp, trustedProxies, type TrustedProxies } from './login';

export const PEER_HEADER = 'x-gryphon-peer';

let warned = false;
let trusted: TrustedProxies | undefined;

/**
 * The client address for the login limits, from the request's headers. The peer address comes
 * from scripts/lib/peer-address.mjs (loaded by `npm start`); without it (e.g. a bare `next
 * start`) the right-most X-Forwarded-For entry is used, which a client reaching the port
 * directly can choose, and a warning says so once.
 */
export function requestClientIp(get: (name: string) => string | null | undefined): string {
  const preloaded = (globalThis as Record<symbol, unknown>)[Symbol.for('gryphon.peer-header')];
  let peer = preloaded ? get(PEER_HEADER) : undefined;
  if (!peer) {
    if (!warned) {
      warned = true;
      console.warn(
        'login limits: the peer address is unknown (start the server with `npm start`); using the right-most X-Forwarded-For entry, which a client can forge',
      );
    }
    peer = (get('x-forwarded-for') ?? '').split(',').pop()?.trim() || 'unknown';
  }
  trusted ??= trustedProxies(getEnv().trustedProxies);
  return clientIp(peer, get('x-forwarded-for'), trusted);
}
