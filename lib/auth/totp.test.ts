import { describe, expect, it } from 'vitest';
import {
  asTotpCode,
  generateRecoveryCode,
  hashRecoveryCode,
  normaliseRecoveryCode,
  recoveryCodeMatches,
} from './totp-codes';
import {
  CHALLENGE_SECONDS,
  decryptTotpSecret,
  encryptTotpSecret,
  readChallenge,
  signChallenge,
} from './totp-crypto';
import { matchingStep } from './totp-store';

const KEY = 'a cookie secret of at least thirty-two characters';
/** RFC 6238 appendix B's SHA-1 seed "12345678901234567890", base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP codes (RFC 6238 appendix B, SHA-1, last 6 of the 8 digits)', () => {
  it.each([
    [59, '287082', 1],
    [1111111109, '081804', 37037036],
    [1234567890, '005924', 41152263],
    [2000000000, '279037', 66666666],
  ])('at %i s the code %s belongs to step %i', async (t, code, step) => {
    expect(await matchingStep(RFC_SECRET, code, at(t))).toBe(step);
  });
  it('accepts the steps before and after the current one, not two away', async () => {
    // 287082 is step 1 (30-59 s)
    expect(await matchingStep(RFC_SECRET, '287082', at(89))).toBe(1); // now step 2
    expect(await matchingStep(RFC_SECRET, '287082', at(0))).toBe(1); // now step 0
    expect(await matchingStep(RFC_SECRET, '287082', at(90))).toBeNull(); // now step 3
    expect(await matchingStep(RFC_SECRET, '287083', at(59))).toBeNull();
  });
});

describe('the TOTP secret at rest', () => {
  it('round-trips, differs on every write, and does not contain the secret', () => {
    const a = encryptTotpSecret(KEY, 7, RFC_SECRET);
    const b = encryptTotpSecret(KEY, 7, RFC_SECRET);
    expect(a).not.toBe(b);
    expect(a).not.toContain(RFC_SECRET);
    expect(a.startsWith('v1.')).toBe(true);
    expect(a.length).toBeLessThanOrEqual(255);
    expect(decryptTotpSecret(KEY, 7, a)).toBe(RFC_SECRET);
  });
  it('does not decrypt under another key, for another user, or when altered', () => {
    const stored = encryptTotpSecret(KEY, 7, RFC_SECRET);
    expect(() => decryptTotpSecret(`${KEY}!`, 7, stored)).toThrow();
    expect(() => decryptTotpSecret(KEY, 8, stored)).toThrow();
    const [v, iv, tag, body] = stored.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      decryptTotpSecret(KEY, 7, [v, iv, tag, flipped.toString('base64url')].join('.')),
    ).toThrow();
    expect(() => decryptTotpSecret(KEY, 7, 'plain')).toThrow(/unknown format/);
  });
});

describe('the login challenge', () => {
  const now = new Date('2026-11-30T04:00:00Z');
  const who = { uid: 'abc123', sv: 4 };
  it('is read back before its expiry, not after', () => {
    const token = signChallenge(KEY, who, now);
    const exp = now.getTime() / 1000 + CHALLENGE_SECONDS;
    expect(readChallenge(KEY, token, new Date(now.getTime() + 299_000))).toEqual({ ...who, exp });
    expect(readChallenge(KEY, token, new Date(now.getTime() + 300_000))).toBeNull();
  });
  it('refuses another key, an edited payload and junk', () => {
    const token = signChallenge(KEY, who, now);
    expect(readChallenge(`${KEY}!`, token, now)).toBeNull();
    const [, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ uid: 'other', sv: 4, exp: 9e9 })).toString(
      'base64url',
    );
    expect(readChallenge(KEY, `${forged}.${sig}`, now)).toBeNull();
    for (const junk of ['', '.', 'a.b.c', 'x'.repeat(600)])
      expect(readChallenge(KEY, junk, now)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('are 16 unambiguous characters in groups of four', () => {
    const codes = new Set(Array.from({ length: 200 }, generateRecoveryCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^([2-9A-HJKMNP-Z]{4}-){3}[2-9A-HJKMNP-Z]{4}$/);
  });
  it('match as typed in any case, with or without dashes and spaces, only with their salt', () => {
    const stored = hashRecoveryCode('ABCD-EFGH-JKMN-PQRS');
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeMatches('abcd efgh jkmn pqrs', stored)).toBe(true);
    expect(recoveryCodeMatches('ABCDEFGHJKMNPQRS', stored)).toBe(true);
    expect(recoveryCodeMatches('ABCD-EFGH-JKMN-PQRT', stored)).toBe(false);
    expect(hashRecoveryCode('ABCD-EFGH-JKMN-PQRS').hash).not.toBe(stored.hash); // fresh salt
    expect(normaliseRecoveryCode(' ab-cd ')).toBe('ABCD');
  });
  it('are told from TOTP codes by shape', () => {
    expect(asTotpCode('123456')).toBe('123456');
    expect(asTotpCode('123 456')).toBe('123456');
    expect(asTotpCode('12345')).toBeNull();
    expect(asTotpCode('ABCD-EFGH-JKMN-PQRS')).toBeNull();
  });
});
