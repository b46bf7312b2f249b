import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataAsOf, windowIncludesNow } from './data-as-of';

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");

describe('DataAsOf', () => {
  const time = '2024-03-01T12:00:00.900Z';
  it.each([
    [30, 'Data as of 2024-03-01 12:00:00 UTC (newest fill #9, 30 s ago)'],
    [119, 'Data as of 2024-03-01 12:00:00 UTC (newest fill #9, 119 s ago)'],
    // Past two minutes, in words: 3 h 5 min 7 s shows its two largest units.
    [
      3 * 3600 + 5 * 60 + 7,
      'Data as of 2024-03-01 12:00:00 UTC (newest fill #9, 3 hours 5 minutes ago)',
    ],
    [-4, 'Data as of 2024-03-01 12:00:00 UTC (newest fill #9, 4 s in the future)'],
  ])('an age of %i s', (ageSeconds, shown) => {
    const html = renderToStaticMarkup(
      <DataAsOf asOf={{ time, newestFillId: 9, newestFillTime: time, ageSeconds }} />,
    );
    expect(text(html)).toBe(shown);
  });

  it('says when the trading database has no fills, and shows nothing when it was not read', () => {
    const html = renderToStaticMarkup(
      <DataAsOf asOf={{ time, newestFillId: null, newestFillTime: null, ageSeconds: null }} />,
    );
    expect(text(html)).toBe(
      'Data as of 2024-03-01 12:00:00 UTC (the trading database has no fills yet)',
    );
    expect(renderToStaticMarkup(<DataAsOf asOf={null} />)).toBe('');
  });
});

describe('windowIncludesNow', () => {
  const w = { start: new Date('2024-03-01T00:00:00Z'), end: new Date('2024-03-02T00:00:00Z') };
  it.each([
    ['2024-03-01T00:00:00Z', true],
    ['2024-03-01T23:59:59.999Z', true],
    ['2024-03-02T00:00:00Z', false], // the end is excluded
    ['2024-02-29T23:59:59Z', false],
  ])('at %s: %s', (now, expected) => {
    expect(windowIncludesNow(w, new Date(now))).toBe(expected);
  });
});
