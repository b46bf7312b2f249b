import { describe, expect, it } from 'vitest';
import { differencesText, divergenceHref, formatDifference } from './reconcile';

describe('formatDifference', () => {
  it.each([
    ['-4076736.1043210305', 'USD', 'USD -4,076,736.10'],
    ['100.0021123884', 'USD', 'USD 100.00'],
    ['0.0001', 'BTC', 'BTC 0.00010000'],
    // Shown to the currency's decimals it would read as zero: every digit instead.
    ['-0.0000000011', 'BTC', 'BTC -0.0000000011'],
    ['0.004', 'USD', 'USD 0.004'],
    ['0', 'USD', 'USD 0.00'],
  ])('%s %s -> %s', (value, currency, out) => {
    expect(formatDifference(value, currency)).toBe(out);
  });

  it('joins several currencies', () => {
    expect(
      differencesText([
        { currency: 'USD', difference: '-74.9' },
        { currency: 'BTC', difference: '0.5' },
      ]),
    ).toBe('USD -74.90, BTC 0.50000000');
  });
});

describe('divergenceHref', () => {
  const d = { time: '2024-03-02T10:00:30Z', currency: 'USD', difference: '0.1', theirRef: null };
  it('opens the page starting at our row, highlighted', () => {
    expect(divergenceHref('LEDGERTEST_BTC_USD', { ...d, ourRef: '1709373600-t100003-1' })).toBe(
      '/ledger/ledgertest_btc_usd?start=2024-03-02T09:00:00Z&end=2024-03-02T11:00:00Z&currency=USD&sort=oldest&cursor=after:1709373600-t100003-0#entry-1709373600-t100003-1',
    );
    // The first row of an item: the cursor is just after the item before it.
    expect(divergenceHref('X', { ...d, ourRef: '1709373600-x7-0' })).toContain(
      'cursor=after:1709373600-x6-2#entry-1709373600-x7-0',
    );
  });
  it('without a row of ours, the hour either side', () => {
    expect(divergenceHref('X', { ...d, ourRef: null })).toBe(
      '/ledger/x?start=2024-03-02T09:00:00Z&end=2024-03-02T11:00:00Z&currency=USD&sort=oldest',
    );
  });
});
