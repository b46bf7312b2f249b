import { describe, expect, it } from 'vitest';
import { parseMoneyDict } from './money-json';

describe('parseMoneyDict', () => {
  it.each([
    [
      '{"USD": "USD 9141.5700", "BTC": "BTC 9.15171488"}',
      { USD: '9141.5700', BTC: '9.15171488' },
      false,
    ],
    ['{}', {}, false],
    [null, {}, false],
    ['', {}, false],
    ['{"ETH": "ETH -0.5"}', { ETH: '-0.5' }, false],
    ['{"usd": "12.5"}', { USD: '12.5' }, false],
    ['not json', {}, true],
    ['[1,2]', {}, true],
    ['{"USD": "USD lots", "BTC": "BTC 1"}', { BTC: '1' }, true],
  ])('%s', (json, amounts, malformed) => {
    expect(parseMoneyDict(json as string | null)).toEqual({ amounts, malformed });
  });
});
