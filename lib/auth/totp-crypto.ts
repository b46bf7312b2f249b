/**
 * The cryptography of two-factor sign-in, with node:crypto only, keyed by the app's cookie
 * secret (APP_COOKIE_SECRET, which is also next-auth's secret) through HKDF-SHA256 with a
 * different label per use, so no key serves two purposes:
 *
 * - the TOTP secret at rest: AES-256-GCM, a fresh 96-bit IV per write, the user id as
 *   additional data (a ciphertext copied to another user's row does not decrypt);
 * - the login challenge: what the password step hands the browser so the code step knows
 *   whose code it is, HMAC-SHA256 over (user, session version, expiry). It proves only that the
 *   password was right within the last few minutes; it is not a session and opens nothing.
 *
 * Pure apart from randomness: callers pass the secret and the clock.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const SALT = 'gryphon-dashboards';

function deriveKey(appSecret: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, SALT, label, 32));
}

const FORMAT = 'v1';

/** `v1.<iv>.<tag>.<ciphertext>`, base64url: 70-odd characters for a 32-character secret. */
export function encryptTotpSecret(appSecret: string, userId: number, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(appSecret, 'totp-secret-v1'), iv);
  cipher.setAAD(Buffer.from(String(userId)));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url')).join('.');
}

/** The TOTP secret, or throws (another key, another user's row, a damaged value). */
export function decryptTotpSecret(appSecret: string, userId: number, stored: string): string {
  const [format, iv, tag, body, ...rest] = stored.split('.');
  if (format !== FORMAT || !iv || !tag || body === undefined || rest.length)
    throw new Error('the stored two-factor secret has an unknown format');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveKey(appSecret, 'totp-secret-v1'),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAAD(Buffer.from(String(userId)));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/** How long the code step may follow the password step. */
export const CHALLENGE_SECONDS = 5 * 60;

export interface Challenge {
  /** user.unique_id */
  uid: string;
  /** user.session_version when the password was checked: a change since voids the challenge. */
  sv: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

function mac(appSecret: string, payload: string): Buffer {
  return createHmac('sha256', deriveKey(appSecret, 'login-challenge-v1')).update(payload).digest();
}

export function signChallenge(
  appSecret: string,
  who: { uid: string; sv: number },
  now: Date,
): string {
  const c: Challenge = {
    uid: who.uid,
    sv: who.sv,
    exp: Math.floor(now.getTime() / 1000) + CHALLENGE_SECONDS,
  };
  const payload = Buffer.from(JSON.stringify(c)).toString('base64url');
  return `${payload}.${mac(appSecret, payload).toString('base64url')}`;
}

/** The challenge if it is ours, intact and not expired; otherwise null. */
export function readChallenge(appSecret: string, token: string, now: Date): Challenge | null {
  if (token.length > 512) return null;
  const [payload, sig, ...rest] = token.split('.');
  if (!payload || !sig || rest.length) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(appSecret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const { uid, sv, exp } = (c ?? {}) as Partial<Challenge>;
  if (typeof uid !== 'string' || typeof sv !== 'number' || typeof exp !== 'number') return null;
  if (now.getTime() >= exp * 1000) return null;
  return { uid, sv, exp };
}
