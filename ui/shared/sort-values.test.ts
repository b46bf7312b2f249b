import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { compareCells, numberIn, textOf } from './sort-values';

describe('sortable table keys', () => {
  it.each([
    ['USD -1,234.50', -1234.5],
    ['BTC 0.12345678 → BTC 1.00', 0.12345678],
    ['12.5%', 12.5],
    ['+3.20 bps', 3.2],
    ['−7', -7],
    ['no rate', NaN],
    ['1,000,000', 1_000_000],
  ])('numberIn(%s) = %s', (text, n) => expect(numberIn(text)).toEqual(n));

  it('reads the text of nested elements', () => {
    const cell = createElement('span', null, 'alice', createElement('b', null, ' (you)'), false);
    expect(textOf(['x ', cell, 3])).toBe('x alice (you)3');
  });

  it('orders numbers, then cells without one; text naturally', () => {
    const cells = ['USD 10.00', 'no rate', 'USD -2.50', 'USD 9.99'];
    expect([...cells].sort((a, b) => compareCells(a, b, true))).toEqual([
      'USD -2.50',
      'USD 9.99',
      'USD 10.00',
      'no rate',
    ]);
    expect(['a10', 'B2', 'a2'].sort((a, b) => compareCells(a, b, false))).toEqual([
      'a2',
      'a10',
      'B2',
    ]);
    expect(compareCells(3, 20, false)).toBeLessThan(0);
  });
});
