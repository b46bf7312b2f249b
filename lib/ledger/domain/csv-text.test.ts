import { describe, expect, it } from 'vitest';
import { csvAmount, csvText, excelTime } from './csv-text';

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

describe('csvAmount', () => {
  it.each([
    ['12.5', 2, '12.50'],
    ['12750', 2, '12750.00'],
    ['-4076736.1043210305', 2, '-4076736.1043210305'],
    ['0.3', 8, '0.30000000'],
    ['0', 8, '0.00000000'],
    ['0.123456789', 8, '0.123456789'],
    ['', 2, ''],
    ['7', 0, '7'],
  ])('%s with %i decimals -> %s (padded, never rounded)', (text, decimals, out) => {
    expect(csvAmount(text, decimals)).toBe(out);
  });
});

describe('excelTime', () => {
  it('writes the ISO instant as a spreadsheet date-time, UTC', () => {
    expect(excelTime('2024-03-02T10:00:01Z')).toBe('2024-03-02 10:00:01');
  });
});
