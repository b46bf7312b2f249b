import 'server-only';
import { randomBytes } from 'node:crypto';
import type { User } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { recordAudit } from '../audit/record';
import type { OidcEnv } from '../core/env';
import { getDashboardsDb } from '../db/dashboards/client';
import type * as schema from '../db/dashboards/schema';
import { findUserByUsername } from '../db/dashboards/users';
import { createAccount } from './accounts';
import { OIDC_REFUSALS, oidcLoginNames, type OidcClaims, type OidcRefusal } from './oidc-claims';

declare module 'next-auth' {
  interface User {
    /** Set instead of a user when an OIDC sign-in is refused (lib/auth/oidc.ts). */
    oidcRefusal?: OidcRefusal;
  }
}

type Db = MySql2Database<typeof schema>;

/** The provider's id: its callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = 'oidc';

/** The fields a password login puts in the session too (lib/auth/options.ts `authorize`). */
export interface OidcSessionUser {
  id: string;
  name: string;
  sv: number;
  role: string;
  scope: string | null;
}

export type OidcMatch =
  { ok: true; user: OidcSessionUser; created: boolean } | { ok: false; reason: OidcRefusal };

/**
 * The local login these claims sign in as: the oldest user whose username is the
 * `preferred_username`, else the verified `email` (lib/auth/oidc-claims.ts). A disabled login
 * is refused. No match: refused, or with OIDC_AUTO_CREATE a new VIEWER named after the first
 * of those names, with no scope limit and a random password nobody keeps (so only OIDC logs it
 * in, until an administrator sets a password).
 */
export async function matchOidcUser(
  db: Db,
  claims: OidcClaims,
  opts: { autoCreate: boolean; issuer: string },
): Promise<OidcMatch> {
  const names = oidcLoginNames(claims);
  if (names.length === 0) return { ok: false, reason: 'OidcNoName' };
  for (const name of names) {
    const found = await findUserByUsername(db, name);
    if (!found) continue;
    if (found.timeDisabled) return { ok: false, reason: 'OidcDisabled' };
    return { ok: true, created: false, user: sessionUser(found) };
  }
  if (!opts.autoCreate) return { ok: false, reason: 'OidcUnknownUser' };
  const created = await createAccount(
    db,
    { username: names[0], password: randomBytes(32).toString('base64url'), role: 'VIEWER' },
    // The audit row of the creation names the setting that allowed it.
    { username: `OIDC_AUTO_CREATE (${opts.issuer})`, ctx: { ip: 'oidc', userAgent: '' } },
  ).catch((err: unknown) => {
    console.error(`oidc: could not create the login "${names[0]}": ${String(err)}`);
    return null;
  });
  if (!created) return { ok: false, reason: 'OidcCreateFailed' };
  return { ok: true, created: true, user: sessionUser(created) };
}

function sessionUser(u: schema.User): OidcSessionUser {
  return {
    id: u.uniqueId,
    name: u.username,
    sv: u.sessionVersion,
    role: u.userType,
    scope: u.accessScope ?? null,
  };
}

/**
 * next-auth's provider for the firm's OpenID Connect provider (authorization code flow with
 * PKCE and state; the ID token is checked by openid-client against the issuer's keys). The
 * claims are the ID token's, completed by the userinfo endpoint's (many providers put
 * preferred_username and email only there). The matching runs in `profile`, which returns
 * the same user fields as a password login (lib/auth/options.ts `authorize`), so the session
 * carries the same claims; a refusal comes back as `oidcRefusal` for `oidcSignIn` to turn
 * into the login page's message.
 */
export function oidcProvider(oidc: OidcEnv): OAuthConfig<OidcClaims> {
  const base = oidc.issuer.replace(/\/+$/, '');
  return {
    id: OIDC_PROVIDER_ID,
    name: oidc.name,
    type: 'oauth',
    wellKnown: `${base}/.well-known/openid-configuration`,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    idToken: true,
    checks: ['pkce', 'state'],
    authorization: { params: { scope: 'openid profile email' } },
    userinfo: {
      async request({ tokens, client }) {
        // openid-client's TokenSet (the type says only its parameters).
        const set = tokens as typeof tokens & { claims(): Record<string, unknown> };
        const claims = set.claims();
        if (!set.access_token || !client.issuer.metadata.userinfo_endpoint) return claims;
        const info = await client.userinfo(set.access_token);
        // The userinfo answer is about the ID token's subject or it is not used (OIDC 5.3.2).
        return info.sub === claims.sub ? { ...claims, ...info } : claims;
      },
    },
    async profile(claims) {
      // The audit row's username: the name claimed (the column holds 64 characters).
      const label = String(
        oidcLoginNames(claims)[0] ?? (typeof claims.sub === 'string' ? claims.sub : '?'),
      ).slice(0, 64);
      let match: OidcMatch;
      try {
        match = await matchOidcUser(getDashboardsDb().db, claims, {
          autoCreate: oidc.autoCreate,
          issuer: oidc.issuer,
        });
      } catch (err) {
        console.error(`oidc: the user database could not be read: ${String(err)}`);
        match = { ok: false, reason: 'OidcUnavailable' };
      }
      const detail = { method: 'oidc', issuer: oidc.issuer, sub: claims.sub };
      if (!match.ok) {
        await recordAudit({
          action: 'login',
          outcome: 'failed',
          username: label,
          detail: { ...detail, reason: OIDC_REFUSALS[match.reason] },
        });
        return { id: `refused:${String(claims.sub)}`, oidcRefusal: match.reason };
      }
      await recordAudit({
        action: 'login',
        outcome: 'ok',
        username: match.user.name,
        detail: match.created ? { ...detail, created: 'VIEWER' } : detail,
      });
      return match.user;
    },
  };
}

/** next-auth's signIn callback: a refused OIDC sign-in goes back to the login page, saying why. */
export function oidcSignIn(user: User): true | string {
  return user.oidcRefusal ? `/login?error=${user.oidcRefusal}` : true;
}
