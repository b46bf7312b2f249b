/**
 * Recovery codes: 10 per enrolment, each 16 characters from a 32-letter alphabet (80 random
 * bits), shown as XXXX-XXXX-XXXX-XXXX. Stored as sha-256(salt + code) with a per-code random
 * salt, not bcrypt: a login may have to compare a typed code with all ten, and ten cost-12
 * bcrypt compares take 2-4 s of CPU; slow hashing protects guessable passwords, while 80
 * random bits cannot be searched even at a fast hash's speed. The salt keeps equal codes (never
 * expected) from showing and makes a precomputed table useless.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** No 0/O, 1/I/L: a code read off paper is typed back right. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 16;

export function generateRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s.match(/.{4}/g)!.join('-');
}

/** What the user typed, as stored: upper case, without spaces or dashes. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** A TOTP code is exactly 6 digits (spaces allowed: "123 456"); anything else is a recovery code. */
export function asTotpCode(typed: string): string | null {
  const digits = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

export function hashRecoveryCode(code: string, salt = randomBytes(16).toString('hex')) {
  const hash = createHash('sha256')
    .update(salt + normaliseRecoveryCode(code))
    .digest('hex');
  return { salt, hash };
}

export function recoveryCodeMatches(typed: string, stored: { salt: string; hash: string }) {
  const { hash } = hashRecoveryCode(typed, stored.salt);
  return timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(stored.hash, 'hex'));
}
