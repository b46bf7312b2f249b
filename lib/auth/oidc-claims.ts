/**
 * OpenID Connect sign-in (issue 13 items 4 and 6), the rules that need no I/O: which local
 * username a provider's claims may log in as, and what the login page says when it refuses.
 * No Node-only imports: the login page reads the messages.
 */

/** The claims we read, from the ID token merged with the userinfo endpoint's answer. */
export interface OidcClaims {
  sub?: unknown;
  preferred_username?: unknown;
  email?: unknown;
  email_verified?: unknown;
}

/**
 * The usernames to look up, in order: `preferred_username`, then `email`, the latter only when
 * the provider says it has verified it (`email_verified` true): an unverified address is
 * whatever the person typed into the provider and could name someone else's login here.
 */
export function oidcLoginNames(claims: OidcClaims): string[] {
  const names: string[] = [];
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    const name = v.trim();
    if (name && name.length <= 64 && !names.includes(name)) names.push(name);
  };
  add(claims.preferred_username);
  if (claims.email_verified === true || claims.email_verified === 'true') add(claims.email);
  return names;
}

/** Why an OIDC sign-in was refused; each is also a `?error=` code of the login page. */
export const OIDC_REFUSALS = {
  OidcUnknownUser: 'no login with this username or verified e-mail address',
  OidcDisabled: 'login disabled',
  OidcNoName: 'the provider sent neither preferred_username nor a verified e-mail address',
  OidcCreateFailed: 'the login could not be created',
  OidcUnavailable: 'the user database could not be reached',
} as const;
export type OidcRefusal = keyof typeof OIDC_REFUSALS;

export function isOidcRefusal(code: unknown): code is OidcRefusal {
  return typeof code === 'string' && Object.hasOwn(OIDC_REFUSALS, code);
}

/**
 * What the login page says for `?error=<code>`: our refusals and next-auth's own codes for a
 * provider round trip that failed (OAuthCallback: the provider's answer did not check out).
 * null for anything else (the code is not ours to echo).
 */
export function oidcErrorMessage(code: string, providerName: string): string | null {
  switch (code) {
    case 'OidcUnknownUser':
      return `You signed in with ${providerName}, but no login of this dashboard has your username or verified e-mail address. Ask an administrator to create one with the same username.`;
    case 'OidcDisabled':
      return 'This login has been disabled by an administrator. Ask them to enable it again.';
    case 'OidcNoName':
      return `${providerName} sent neither a username (preferred_username) nor a verified e-mail address, so this login cannot be matched. Ask your administrator to release those claims to the dashboards.`;
    case 'OidcCreateFailed':
      return `You signed in with ${providerName}, but a login could not be created for you here. Ask an administrator.`;
    case 'OidcUnavailable':
      return 'Login is unavailable: the server cannot reach its database. See the server log.';
    case 'OAuthSignin':
    case 'OAuthCallback':
    case 'Callback':
    case 'OAuthCreateAccount':
    case 'OAuthAccountNotLinked':
    case 'AccessDenied':
    case 'Configuration':
      return `Sign-in with ${providerName} did not complete (${code}). Try again; if it keeps failing, the server log says why.`;
    default:
      return null;
  }
}
