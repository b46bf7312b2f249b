import { describe, expect, it } from 'vitest';
import { historyEdge, mergeBounds } from './history-edge';

const d = (s: string) => new Date(s);
const w = (start: string, end: string) => ({ start: d(start), end: d(end) });
const bounds = { first: d('2025-12-01T00:00:03Z'), last: d('2026-11-29T14:03:07Z') };

describe('historyEdge', () => {
  it.each([
    // window, side, suggested start, suggested end (worked out by hand)
    [
      w('2025-11-01T00:00:00Z', '2025-12-01T00:00:00Z'),
      'before',
      '2025-12-01T00:00:00Z',
      '2025-12-31T00:00:00Z',
    ],
    [
      w('2025-11-30T10:00:00Z', '2025-11-30T11:00:00Z'),
      'before',
      '2025-12-01T00:00:00Z',
      '2025-12-01T01:00:00Z',
    ],
    [
      w('2025-11-30T10:00:00Z', '2025-11-30T10:30:00Z'),
      'before',
      '2025-12-01T00:00:00Z',
      '2025-12-01T00:30:00Z',
    ],
    [
      w('2026-12-01T00:00:00Z', '2026-12-08T00:00:00Z'),
      'after',
      '2026-11-23T00:00:00Z',
      '2026-11-30T00:00:00Z',
    ],
    [
      w('2026-11-29T15:00:00Z', '2026-11-29T17:00:00Z'),
      'after',
      '2026-11-29T13:00:00Z',
      '2026-11-29T15:00:00Z',
    ],
  ] as const)('%o -> %s', (window, side, start, end) => {
    const edge = historyEdge(window, bounds);
    expect(edge?.side).toBe(side);
    expect(edge?.at).toEqual(side === 'before' ? bounds.first : bounds.last);
    expect(edge?.suggested).toEqual({ start: d(start), end: d(end) });
  });

  it.each([
    // the window ends just after the first entry, starts at the last, or there is no history
    [w('2025-11-30T00:00:00Z', '2025-12-01T00:00:04Z'), bounds],
    [w('2026-11-29T14:03:07Z', '2026-11-30T00:00:00Z'), bounds],
    [w('2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z'), null],
  ])('%o overlaps: null', (window, b) => {
    expect(historyEdge(window, b)).toBeNull();
  });
});

describe('mergeBounds', () => {
  it('takes the earliest first and the latest last, skipping nulls', () => {
    const a = { first: d('2024-01-02T00:00:00Z'), last: d('2024-03-01T00:00:00Z') };
    const b = { first: d('2024-01-01T00:00:00Z'), last: d('2024-02-01T00:00:00Z') };
    expect(mergeBounds(a, null, b)).toEqual({ first: b.first, last: a.last });
    expect(mergeBounds(null, null)).toBeNull();
  });
});
