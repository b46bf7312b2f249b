/**
 * Retries of a failed delivery: after 1, 5 and 30 minutes, then it gives up (4 attempts in all,
 * each one a row of the delivery log). Pure: the dispatcher passes the log's latest row.
 */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When attempt `attempt` (1-based), failed at `at`, is tried again; null: give up. */
export function nextRetryAt(attempt: number, at: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempt - 1];
  return delay === undefined ? null : new Date(at.getTime() + delay);
}

export type Outcome = 'ok' | 'failed' | 'gave-up' | 'unknown-channel' | 'disabled';

export interface LatestAttempt {
  attempt: number;
  outcome: Outcome | string;
  nextRetry: Date | null;
}

/**
 * Where one thing stands with one channel: finished (accepted, given up, or nothing to do),
 * due (send attempt `attempt` now) or waiting for its retry time.
 */
export type DeliveryState =
  { kind: 'finished' } | { kind: 'due'; attempt: number } | { kind: 'waiting'; until: Date };

export function deliveryState(latest: LatestAttempt | undefined, now: Date): DeliveryState {
  if (!latest) return { kind: 'due', attempt: 1 };
  if (latest.outcome !== 'failed' || latest.nextRetry === null) return { kind: 'finished' };
  if (latest.nextRetry.getTime() > now.getTime())
    return { kind: 'waiting', until: latest.nextRetry };
  return { kind: 'due', attempt: latest.attempt + 1 };
}
