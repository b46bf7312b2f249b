import { describe, expect, it } from 'vitest';
import { isOidcRefusal, oidcErrorMessage, oidcLoginNames } from './oidc-claims';

describe('oidcLoginNames', () => {
  it.each([
    [{ preferred_username: 'alice', email: 'a@x.com', email_verified: true }, ['alice', 'a@x.com']],
    [{ preferred_username: 'alice', email: 'a@x.com', email_verified: false }, ['alice']],
    [{ preferred_username: 'alice', email: 'a@x.com' }, ['alice']],
    [{ email: 'a@x.com', email_verified: 'true' }, ['a@x.com']],
    [{ preferred_username: ' bob ', email: 'bob', email_verified: true }, ['bob']],
    [{ preferred_username: 42, email: ['a'], email_verified: true }, []],
    [{ preferred_username: 'x'.repeat(65) }, []],
    [{ sub: 'only-a-sub' }, []],
  ])('%j -> %j', (claims, names) => {
    expect(oidcLoginNames(claims)).toEqual(names);
  });
});

describe('oidcErrorMessage', () => {
  it('explains our refusals and next-auth codes, and echoes nothing else', () => {
    expect(oidcErrorMessage('OidcUnknownUser', 'Okta')).toMatch(
      /^You signed in with Okta, but no login/,
    );
    expect(oidcErrorMessage('OAuthCallback', 'Okta')).toMatch(
      /^Sign-in with Okta did not complete/,
    );
    expect(oidcErrorMessage('SomethingElse', 'Okta')).toBeNull();
    expect(isOidcRefusal('OidcDisabled')).toBe(true);
    expect(isOidcRefusal('toString')).toBe(false);
  });
});
