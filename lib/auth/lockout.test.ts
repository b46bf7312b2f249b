import { describe, expect, it } from 'vitest';
import { lockedUntil, loginLockedUntil } from './lockout';

const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) + min * 60_000);
const newestFirst = (...mins: number[]) => mins.sort((a, b) => b - a).map(t);

describe('lockedUntil', () => {
  it.each([
    ['no failures', [], 0, null],
    ['4 failures are not enough', [0, 1, 2, 3], 4, null],
    ['5 within 15 minutes lock for 15 minutes after the fifth', [0, 1, 2, 3, 4], 5, t(19)],
    ['the lock ends', [0, 1, 2, 3, 4], 19, null],
    ['5 spread over more than 15 minutes do not lock', [0, 4, 8, 12, 16], 17, null],
    ['the latest qualifying run counts', [0, 1, 2, 3, 4, 30, 31, 32, 33, 34], 35, t(49)],
  ])('%s', (_label, mins, now, expected) => {
    expect(lockedUntil(newestFirst(...(mins as number[])), 5, t(now as number))).toEqual(expected);
  });

  it('reports the longer of the username and IP locks', () => {
    const r = loginLockedUntil({ byUsername: newestFirst(0, 1, 2, 3, 4), byIp: [] }, t(5));
    expect(r).toEqual({ until: t(19), reason: 'username' });
    const ip = loginLockedUntil(
      { byUsername: [], byIp: newestFirst(...Array.from({ length: 20 }, (_, i) => i / 10)) },
      t(3),
    );
    expect(ip?.reason).toBe('ip');
  });
});
