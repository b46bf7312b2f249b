import { describe, expect, it } from 'vitest';
import type { StrategyConfig } from '../config/types';
import { listStrategies } from './list';
import type { ActorActivity } from './catalog-read';

const cfg = (
  key: string,
  actor: string,
  source: 'builtin' | 'config' = 'config',
): StrategyConfig => ({
  key,
  displayName: key.toUpperCase(),
  strategyActor: actor,
  priceCurrency: 'USD',
  volumeCurrency: 'BTC',
  basePointRadius: 10,
  graphVolumeThreshold: '0.00001',
  source,
  inferred: [],
});
const act = (actor: string, fills24h: number, last: string | null): ActorActivity => ({
  actor,
  fills24h,
  lastFillTime: last ? new Date(last) : null,
  firstOrderTime: null,
  lastOrderTime: null,
});

describe('listStrategies', () => {
  it('merges configured strategies with database actors, case-insensitively, active first', () => {
    const list = listStrategies(
      {
        manual: cfg('manual', 'MULTI', 'builtin'),
        simple_mm: cfg('simple_mm', 'SIMPLEMARKETMAKING', 'builtin'),
        idle: cfg('idle', 'NOBODY'),
      },
      [
        act('Multi', 0, '2026-01-01T00:00:00Z'),
        act('SIMPLEMARKETMAKING', 120, '2026-01-02T00:00:00Z'),
        act('NEWBOT', 3, '2026-01-02T00:00:01Z'),
        act('OLDBOT', 0, '2025-06-01T00:00:00Z'),
      ],
    );
    expect(list.map((s) => [s.key, s.source, s.fills24h, s.seenInDatabase])).toEqual([
      ['NEWBOT', 'database', 3, true],
      ['simple_mm', 'builtin', 120, true],
      ['manual', 'builtin', 0, true],
      ['OLDBOT', 'database', 0, true],
      ['idle', 'config', 0, false],
    ]);
  });

  it('gives an actor whose name is a configured key a distinct URL key', () => {
    const list = listStrategies({ manual: cfg('manual', 'MULTI', 'builtin') }, [
      act('manual', 1, null),
    ]);
    expect(list.map((s) => s.key).sort()).toEqual(['actor:manual', 'manual']);
  });
});
