import { describe, expect, it } from 'vitest';
import { fixedToString, parseFixed } from '../../core/money/fixed';
import { chooseMarkPrice } from './mark-price';

const p = (v: string | null) => (v === null ? null : parseFixed(v));

describe('chooseMarkPrice', () => {
  it.each<
    [
      string,
      [string | null, string | null, string | null],
      [string | null, string | null, string | null, string | null],
    ]
  >([
    // name, [fundamental, pair fill, strategy fill], [price, source, reference of, rejected]
    ['plausible fundamental value', ['120', '125', '125'], ['120', 'fundamental', 'pair', null]],
    ['placeholder: the pair fill', ['1', '52664.66', '52000'], ['52664.66', 'fill', 'pair', '1']],
    [
      'no fundamental value: the pair fill',
      [null, '52664.66', null],
      ['52664.66', 'fill', 'pair', null],
    ],
    [
      'no pair fill: checked against the strategy fill',
      ['51000', null, '53000'],
      ['51000', 'fundamental', 'strategy', null],
    ],
    [
      'placeholder, no pair fill: the strategy fill',
      ['1', null, '53000'],
      ['53000', 'fill', 'strategy', '1'],
    ],
    ['nothing to check against: not valued', ['120', null, null], [null, null, null, '120']],
    ['nothing at all', [null, null, null], [null, null, null, null]],
    [
      'a zero-priced pair fill is no reference',
      ['1', '0', '53000'],
      ['53000', 'fill', 'strategy', '1'],
    ],
  ])(
    '%s',
    (_, [fundamentalValue, pairFillPrice, strategyFillPrice], [price, source, of, rejected]) => {
      const m = chooseMarkPrice({
        fundamentalValue: p(fundamentalValue),
        pairFillPrice: p(pairFillPrice),
        strategyFillPrice: p(strategyFillPrice),
      });
      expect(m.price === null ? null : fixedToString(m.price)).toBe(price);
      expect(m.source).toBe(source);
      expect(m.reference?.of ?? null).toBe(of);
      expect(
        m.rejectedFundamentalValue === null ? null : fixedToString(m.rejectedFundamentalValue),
      ).toBe(rejected);
    },
  );
});
