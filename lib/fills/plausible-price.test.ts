import { describe, expect, it } from 'vitest';
import { parseFixed } from '../core/money/fixed';
import { isPlausiblePrice } from './plausible-price';

describe('isPlausiblePrice', () => {
  it.each<[string, string, string, boolean]>([
    ['equal', '50000', '50000', true],
    ['a real fair value near the fill', '52000', '50000', true],
    ['exactly 50 % below', '25000', '50000', true],
    ['exactly 50 % above', '75000', '50000', true],
    ['just past 50 % below', '24999.9999999999', '50000', false],
    ['just past 50 % above', '75000.0000000001', '50000', false],
    ["the harness's placeholder 1", '1', '50000', false],
    ['placeholder 1 against a 52,664.66 fill', '1', '52664.66', false],
    ['twice the reference', '200', '100', false],
    ['zero candidate', '0', '100', false],
    ['negative candidate', '-100', '100', false],
    ['small prices work alike', '0.00001', '0.000015', true],
    ['zero reference', '1', '0', false],
    ['negative reference', '-1', '-1', false],
  ])('%s: %s against %s', (_, candidate, reference, expected) => {
    expect(isPlausiblePrice(parseFixed(candidate), parseFixed(reference))).toBe(expected);
  });
});
