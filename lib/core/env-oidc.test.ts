import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { loadEnv } from './env';

const BASE = {
  APP_COOKIE_SECRET: 'k'.repeat(48),
  DASHBOARD_DB_CRED: 'mysql://dash:pw@127.0.0.1:3306/dashboards',
  TRADING_DB_CRED: 'mysql://ro:pw@127.0.0.1:3306/trading',
};
const NO_DOTENV = path.join(os.tmpdir(), 'gryphon-env-oidc-test-no-such-dir');
const OIDC = {
  OIDC_ISSUER: 'https://sso.example.com',
  OIDC_CLIENT_ID: 'dashboards',
  OIDC_CLIENT_SECRET: 's3cret',
};
const load = (extra: Record<string, string>) =>
  loadEnv({ cwd: NO_DOTENV, env: { ...BASE, ...extra } });

function messageOf(extra: Record<string, string>): string {
  try {
    load(extra);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('OIDC_* in the environment', () => {
  it('is off when none is set', () => {
    expect(load({}).oidc).toBeUndefined();
  });

  it('reads the three keys, with the label and auto-creation defaulted', () => {
    expect(load(OIDC).oidc).toEqual({
      issuer: 'https://sso.example.com',
      clientId: 'dashboards',
      clientSecret: 's3cret',
      name: 'single sign-on',
      autoCreate: false,
    });
    const o = load({ ...OIDC, OIDC_NAME: 'Okta', OIDC_AUTO_CREATE: 'TRUE' }).oidc;
    expect(o?.name).toBe('Okta');
    expect(o?.autoCreate).toBe(true);
  });

  it('allows plain http only for a provider on this machine', () => {
    expect(load({ ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:9000',
    );
    expect(messageOf({ ...OIDC, OIDC_ISSUER: 'http://sso.example.com' })).toBe(
      'OIDC_ISSUER must be an https:// URL (http:// only for a provider on this machine), got "http://sso.example.com"',
    );
    expect(messageOf({ ...OIDC, OIDC_ISSUER: 'sso.example.com' })).toMatch(
      /^OIDC_ISSUER must be the provider's URL, got "sso.example.com", e.g. OIDC_ISSUER=https:/,
    );
  });

  it('names what is missing when only some keys are set', () => {
    expect(messageOf({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toMatch(
      /^OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are missing: OpenID Connect sign-in needs/,
    );
    expect(messageOf({ OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' })).toMatch(
      /^OIDC_ISSUER is missing: .* e\.g\. OIDC_ISSUER=https:\/\/sso\.example\.com$/,
    );
    expect(messageOf({ OIDC_NAME: 'Okta' })).toMatch(/^OIDC_NAME\/OIDC_AUTO_CREATE are set but/);
  });

  it('refuses a bad OIDC_AUTO_CREATE', () => {
    expect(messageOf({ ...OIDC, OIDC_AUTO_CREATE: 'yes' })).toBe(
      'OIDC_AUTO_CREATE must be true or false, got "yes", e.g. OIDC_AUTO_CREATE=false',
    );
  });
});
