import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../core/errors';
import { parseAuditQuery, retentionCutoff } from './events';

const NOW = new Date('2026-11-30T01:15:42.123Z');

describe('parseAuditQuery', () => {
  it('defaults to the 30 UTC days before today and today, whole days', () => {
    expect(parseAuditQuery({}, NOW)).toEqual({
      window: { start: new Date('2026-10-31T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') },
    });
  });
  it('takes a window, a user and an action', () => {
    expect(
      parseAuditQuery(
        { start: '2026-11-01', end: '2026-11-02', user: 'ann', action: 'csv-export' },
        NOW,
      ),
    ).toEqual({
      window: { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-02T00:00:00Z') },
      username: 'ann',
      action: 'csv-export',
    });
  });
  it.each([
    [{ action: 'nope' }, 'action'],
    [{ action: ['login', 'logout'] }, 'action'],
    [{ user: 'x'.repeat(65) }, 'user'],
    [{ start: 'yesterday' }, 'start'],
    [{ start: '2026-11-02', end: '2026-11-01' }, 'end'],
  ])('refuses %o naming %s', (q, param) => {
    try {
      parseAuditQuery(q, NOW);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BadRequestError);
      expect((err as BadRequestError).param).toBe(param);
    }
  });
});

describe('retentionCutoff', () => {
  it('is the given number of whole days before now', () => {
    expect(retentionCutoff(NOW, 365)).toEqual(new Date('2025-11-30T01:15:42.123Z'));
  });
});
