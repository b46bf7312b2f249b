import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../core/errors';
import { parseHistoryQuery } from './history-query';

describe('parseHistoryQuery', () => {
  it('reads the filters and the page', () => {
    expect(parseHistoryQuery({})).toEqual({ page: 1 });
    expect(
      parseHistoryQuery({ rule: 'audit-drift', subject: 'account:X', state: 'firing', page: '3' }),
    ).toEqual({
      rule: 'audit-drift',
      subject: 'account:X',
      state: 'firing',
      page: 3,
    });
  });
  it.each([
    [{ state: 'exploded' }, 'state'],
    [{ page: '0' }, 'page'],
    [{ page: '1e3' }, 'page'],
    [{ rule: ['a', 'b'] }, 'rule'],
    [{ subject: 'x'.repeat(200) }, 'subject'],
  ])('refuses %j naming %s', (q, param) => {
    try {
      parseHistoryQuery(q);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BadRequestError);
      expect((err as BadRequestError).param).toBe(param);
    }
  });
});
