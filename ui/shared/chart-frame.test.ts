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

  it("appends the rows' instants as time_utc, ISO 8601, when the table has them", () => {
    // New York's 23-hour 8 March 2026 starts at 05:00Z; 03:00 EDT is 07:00Z
    expect(
      toCsv({
        columns: ['Time', 'Position (BTC)'],
        rows: [
          ['2026-03-08 00:00:00 UTC-05:00', 'BTC 0.50'],
          ['2026-03-08 03:00:00 UTC-04:00', 'BTC 1.25'],
        ],
        times: [Date.parse('2026-03-08T05:00:00Z'), Date.parse('2026-03-08T07:00:00.250Z')],
      }),
    ).toBe(
      'Time,Position (BTC),time_utc\r\n' +
        '2026-03-08 00:00:00 UTC-05:00,BTC 0.50,2026-03-08T05:00:00Z\r\n' +
        '2026-03-08 03:00:00 UTC-04:00,BTC 1.25,2026-03-08T07:00:00.250Z\r\n',
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
