import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../core/errors';
import { ledgerQueryParams, parseLedgerQuery } from './query';

describe('parseLedgerQuery', () => {
  it('defaults: newest first, 100 rows, no filters', () => {
    expect(parseLedgerQuery({})).toEqual({
      currency: null,
      types: null,
      sort: 'newest',
      pageSize: 100,
      cursor: null,
    });
  });

  it('reads filters, repeated or comma-separated types, and round-trips them', () => {
    const q = parseLedgerQuery({
      currency: 'btc',
      type: ['fee', 'drift,trade'],
      sort: 'oldest',
      size: '250',
      cursor: 'after:1709373600-x7-1',
    });
    expect(q).toEqual({
      currency: 'BTC',
      types: ['drift', 'fee', 'trade'],
      sort: 'oldest',
      pageSize: 250,
      cursor: { direction: 'after', key: { time: 1709373600, kind: 1, id: 7, sub: 1 } },
    });
    const again = parseLedgerQuery(
      Object.fromEntries(
        [...new Set(ledgerQueryParams(q).keys())].map((k) => [k, ledgerQueryParams(q).getAll(k)]),
      ),
    );
    expect({ ...again, cursor: null }).toEqual({ ...q, cursor: null });
  });

  it('all five types is no type filter', () => {
    expect(parseLedgerQuery({ type: 'trade,fee,deposit,withdrawal,drift' }).types).toBeNull();
  });

  it.each([
    [{ currency: 'B$' }, 'currency'],
    [{ currency: ['BTC', 'USD'] }, 'currency'],
    [{ type: 'fees' }, 'type'],
    [{ sort: 'random' }, 'sort'],
    [{ size: '75' }, 'size'],
    [{ cursor: 'after:garbage' }, 'cursor'],
  ])('rejects %j naming %s', (input, param) => {
    try {
      parseLedgerQuery(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BadRequestError);
      expect((err as BadRequestError).param).toBe(param);
      expect((err as BadRequestError).example).toBeTruthy();
    }
  });
});
