import { describe, expect, it } from 'vitest';
import { fileName, toCsv } from './chart-frame';

describe('chart downloads', () => {
  it('writes the drawn strings as CSV, quoting commas, quotes and line breaks', () => {
    expect(
      toCsv({
        columns: ['Time', 'Net assets (USD)'],
        rows: [
          ['2017-08-14 00:00:00 UTC', 'USD 1,234.50'],
          ['say "hi"', 'a\nb'],
          ['', 'plain'],
        ],
      }),
    ).toBe(
      'Time,Net assets (USD)\r\n' +
        '2017-08-14 00:00:00 UTC,"USD 1,234.50"\r\n' +
        '"say ""hi""","a\nb"\r\n' +
        ',plain\r\n',
    );
  });

  it('names files after the chart', () => {
    expect(fileName('Position and realized P&L of BTC MM')).toBe(
      'position-and-realized-p-l-of-btc-mm',
    );
    expect(fileName('Net assets (USD)')).toBe('net-assets-usd');
    expect(fileName('€€€')).toBe('chart');
  });
});
