/**
 * Brute-force rule: after 5 failed attempts for one username, or 20 from one IP address,
 * within 15 minutes, further attempts are refused for 15 minutes after the failure that
 * reached the limit. Pure: the caller supplies the failure times and the clock.
 */
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 20;

/** When the lock set by these failures ends, or null if they do not lock. Times newest first. */
export function lockedUntil(
  failuresNewestFirst: Date[],
  limit: number,
  now: Date,
  windowMs = LOCKOUT_WINDOW_MS,
): Date | null {
  let until: Date | null = null;
  // failure i reached the limit if the `limit - 1` failures after it (older ones) fall within the window before it
  for (let i = 0; i + limit - 1 < failuresNewestFirst.length; i++) {
    const reached = failuresNewestFirst[i].getTime();
    const oldest = failuresNewestFirst[i + limit - 1].getTime();
    if (reached - oldest <= windowMs) {
      const end = reached + windowMs;
      if (end > now.getTime() && (!until || end > until.getTime())) until = new Date(end);
    }
  }
  return until;
}

export function loginLockedUntil(
  f: { byUsername: Date[]; byIp: Date[] },
  now: Date,
): { until: Date; reason: 'username' | 'ip' } | null {
  const u = lockedUntil(f.byUsername, MAX_FAILURES_PER_USERNAME, now);
  const i = lockedUntil(f.byIp, MAX_FAILURES_PER_IP, now);
  if (!u && !i) return null;
  if (u && (!i || u >= i)) return { until: u, reason: 'username' };
  return { until: i as Date, reason: 'ip' };
}
