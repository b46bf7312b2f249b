/**
 * What our session token (next-auth's encrypted JWT) holds besides next-auth's own claims, and
 * the rules on it that need no database: the cookie names and the absolute lifetime. No
 * Node-only or server-only imports: proxy.ts reads this too.
 */

/** Idle lifetime: a session unused this long ends (next-auth re-issues the cookie on use). */
export const SESSION_IDLE_SECONDS = 7 * 24 * 3600;

/** The session cookie: `__Secure-` prefixed with APP_ENV=PRODUCTION, as before. */
export function sessionCookieName(isProduction: boolean): string {
  return `${isProduction ? '__Secure-' : ''}gryphon-dashboards.session`;
}
export const SESSION_COOKIE_NAMES = [sessionCookieName(false), sessionCookieName(true)];

export interface SessionClaims {
  /** Gryphon's user.unique_id. */
  uid?: string;
  /** user.session_version at login; a different value in the database ends the session. */
  sv?: number;
  /** When the user logged in, seconds since the epoch (the absolute lifetime counts from it). */
  authTime?: number;
  /**
   * user.user_type and user.access_scope (JSON or null) at login, for the proxy's access gate.
   * Changing a role or scope moves the session version, so these are never stale in a session
   * the server accepts. Sessions issued before these claims existed lack them (the gate then
   * leaves the decision to requireUser, which reads the row).
   */
  role?: string;
  scope?: string | null;
}

/** Whether a token is past the absolute lifetime (or lacks what we put in at login). */
export function sessionExpired(claims: SessionClaims, maxDays: number, now: Date): boolean {
  if (typeof claims.uid !== 'string' || typeof claims.sv !== 'number') return true;
  if (typeof claims.authTime !== 'number') return true;
  return now.getTime() >= (claims.authTime + maxDays * 86400) * 1000;
}
