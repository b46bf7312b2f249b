import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../core/errors';
import { parseSeedArgs } from './cli-args';

const NOW = new Date('2025-05-05T05:05:05Z');

describe('parseSeedArgs', () => {
  it('has defaults: seed 1, 90 days ending now', () => {
    expect(parseSeedArgs([], NOW)).toMatchObject({
      seed: 1,
      days: 90,
      trades: undefined,
      end: NOW,
      reset: false,
      progress: true,
    });
  });

  it('reads every flag', () => {
    const args = parseSeedArgs(
      [
        '--seed',
        '42',
        '--days',
        '3',
        '--trades',
        '10_000_000',
        '--end',
        '2025-01-01T00:00:00',
        '--reset',
        '--db-url',
        'mysql://u:p@h/db',
        '--method',
        'insert',
        '--no-progress',
      ],
      NOW,
    );
    expect(args).toMatchObject({
      seed: 42,
      days: 3,
      trades: 10_000_000,
      reset: true,
      dbUrl: 'mysql://u:p@h/db',
      method: 'insert',
      progress: false,
    });
    expect(args.end.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(parseSeedArgs(['--trades', '1e7'], NOW).trades).toBe(10_000_000);
  });

  it.each([
    [['--days', '0'], /--days must be a positive number/],
    [['--trades', '1.5'], /--trades must be a positive whole number/],
    [['--end', 'yesterday'], /--end must be an ISO 8601/],
    [['--method', 'copy'], /--method must be load-data or insert/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--seed', 'x'], /--seed must be a whole number/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseSeedArgs(argv, NOW)).toThrow(BadRequestError);
    expect(() => parseSeedArgs(argv, NOW)).toThrow(message);
  });
});
