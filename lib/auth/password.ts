// Native bcrypt: each hash and compare runs on libuv's thread pool, not the event loop (a
// cost-12 compare takes about 0.2-0.4 s; bcryptjs ran it on the event loop and stalled every
// page while logins were checked). Hashes are the same as bcryptjs's and py-bcrypt's.
import bcrypt from 'bcrypt';

/** Gryphon's cost factor (py-bcrypt DIFFICULTY = 12). */
export const BCRYPT_COST = 12;
export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt ignores everything past 72 bytes; refuse rather than silently truncate. */
export const MAX_PASSWORD_BYTES = 72;

/**
 * Hashes with the `$2a$` prefix: py-bcrypt 0.3, which Gryphon's own server uses, only knows
 * `$2$`/`$2a$`, so accounts we create still log in there. For passwords of at most 72 bytes
 * `$2a$` and `$2b$` compute the same hash (2b only fixes a length wrap-around past 255 bytes).
 */
export async function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, await bcrypt.genSalt(BCRYPT_COST, 'a'));
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  try {
    return await bcrypt.compare(plain, hash);
  } catch {
    return false; // a malformed stored hash never matches
  }
}

/**
 * A valid cost-12 hash of a random string, compared against when the username does not exist
 * so that a wrong username takes as long as a wrong password.
 */
export const DUMMY_HASH = '$2a$12$lquEwMTix.n4DKyA82k7eOoD6A9n0pIE0BX/34kTJuiOPqGSbPdQW';

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(plain: string): string | null {
  if (plain.length < MIN_PASSWORD_LENGTH) {
    return `the password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  }
  if (Buffer.byteLength(plain, 'utf8') > MAX_PASSWORD_BYTES) {
    return `the password must be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt ignores the rest)`;
  }
  return null;
}

/** Why a new username is refused (format only; uniqueness is checked against the database). */
export function usernameProblem(username: string): string | null {
  if (username.trim() === '') return 'the username must not be empty';
  if (username !== username.trim()) return 'the username must not start or end with spaces';
  if (username.length > 64) return 'the username must be at most 64 characters';
  if (/[\x00-\x1f\x7f]/.test(username)) return 'the username must not contain control characters';
  return null;
}
