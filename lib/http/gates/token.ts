import { getToken, type JWT } from 'next-auth/jwt';
import { SESSION_COOKIE_NAMES } from '../../auth/claims';
import { getEnv } from '../../core/env';
import type { GateRequest } from './types';

const decoded = new WeakMap<GateRequest, Promise<JWT | null>>();

/**
 * The request's session token, decrypted and signature-checked (null if absent or invalid),
 * once per request: the session gate and the access gate both read it.
 */
export function sessionToken(request: GateRequest): Promise<JWT | null> {
  let hit = decoded.get(request);
  if (!hit) {
    hit = readToken(request);
    decoded.set(request, hit);
  }
  return hit;
}

async function readToken(request: GateRequest): Promise<JWT | null> {
  const cookieName = SESSION_COOKIE_NAMES.find((name) => request.cookies.has(name));
  if (!cookieName) return null;
  let env;
  try {
    env = getEnv();
  } catch {
    return null; // the login page reports the configuration problem
  }
  return getToken({
    req: { headers: request.headers, cookies: cookieValues(request) } as never,
    secret: env.cookieSecret,
    cookieName,
  }).catch(() => null);
}

function cookieValues(request: GateRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SESSION_COOKIE_NAMES) {
    const v = request.cookies.get(name)?.value;
    if (v !== undefined) out[name] = v;
  }
  return out;
}
