import { describe, expect, it } from 'vitest';
import { csvText } from './csv-text';

describe('csvText', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['- rent, March', `'- rent, March`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['Deposit #7: notes', 'Deposit #7: notes'],
    ['a=b', 'a=b'],
    ['', ''],
    [' =1', ' =1'],
  ])('%j -> %j', (input, output) => {
    expect(csvText(input)).toBe(output);
  });
});
