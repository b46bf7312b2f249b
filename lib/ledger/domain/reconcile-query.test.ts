import { describe, expect, it } from 'vitest';
import { parseFixed } from '../../core/money/fixed';
import { DEFAULT_TOLERANCE_SECONDS, parseReconcileQuery } from './reconcile-query';

const NOW = new Date('2024-05-01T12:00:00Z');

describe('parseReconcileQuery', () => {
  it('uses the statement window and the default tolerance when nothing is given', () => {
    expect(parseReconcileQuery({}, NOW)).toEqual({
      window: null,
      toleranceSeconds: DEFAULT_TOLERANCE_SECONDS,
      amountTolerance: null,
    });
  });

  it('reads a window and a tolerance', () => {
    const q = parseReconcileQuery({ start: '2024-03-01', tolerance: '60' }, NOW);
    expect(q.window?.start.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(q.toleranceSeconds).toBe(60);
  });

  it.each([
    ['0.01', '0.01'],
    ['0', '0'],
    [' 1.5 ', '1.5'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['', null],
  ])('reads amountTolerance %j', (text, expected) => {
    expect(parseReconcileQuery({ amountTolerance: text }, NOW).amountTolerance).toBe(
      expected === null ? null : parseFixed(expected),
    );
  });

  it.each([
    [{ amountTolerance: '-0.01' }, 'amountTolerance'],
    [{ amountTolerance: '1e-2' }, 'amountTolerance'],
    [{ amountTolerance: 'abc' }, 'amountTolerance'],
    [{ amountTolerance: '.5' }, 'amountTolerance'],
    [{ amountTolerance: '0.0000000000000000001' }, 'amountTolerance'],
    [{ amountTolerance: '2000000' }, 'amountTolerance'],
    [{ amountTolerance: ['0.01', '0.02'] }, 'amountTolerance'],
    [{ tolerance: '-1' }, 'tolerance'],
    [{ tolerance: '86401' }, 'tolerance'],
    [{ tolerance: '1e3' }, 'tolerance'],
    [{ tolerance: ['1', '2'] }, 'tolerance'],
    [{ start: '2024-13-01' }, 'start'],
    [{ end: ['2024-01-01', '2024-01-02'] }, 'end'],
  ])('refuses %j naming %s', (q, param) => {
    expect(() => parseReconcileQuery(q, NOW)).toThrow(expect.objectContaining({ param }));
  });
});
