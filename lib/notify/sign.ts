import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures (docs/notifications.md#verifying-a-webhook): the receiver gets
 *   X-Gryphon-Timestamp: <Unix seconds>
 *   X-Gryphon-Signature: sha256=<hex HMAC-SHA256 under the channel secret of "<timestamp>.<raw body>">
 * The timestamp is signed so that a captured request cannot be replayed later unnoticed.
 */
export const SIGNATURE_HEADER = 'X-Gryphon-Signature';
export const TIMESTAMP_HEADER = 'X-Gryphon-Timestamp';

/** A new channel secret: 32 random bytes, hex. */
export function newChannelSecret(): string {
  return randomBytes(32).toString('hex');
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (used by the tests as a receiver would). */
export function verifyWebhook(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
