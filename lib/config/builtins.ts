import type { StrategyConfig } from './types';

function builtin(
  key: string,
  displayName: string,
  strategyActor: string,
  positionGraphMin: string,
  positionGraphMax: string,
): StrategyConfig {
  return Object.freeze({
    key,
    displayName,
    strategyActor,
    priceCurrency: 'USD',
    volumeCurrency: 'BTC',
    basePointRadius: 10,
    graphVolumeThreshold: '0.00001',
    positionGraphMin,
    positionGraphMax,
    source: 'builtin',
    inferred: [],
  });
}

/**
 * Gryphon's builtin strategy dashboards (handlers/strategies/builtin_configs.py), except that
 * simple_mm and simple_arb point at the actors Gryphon's SimpleMarketMaking and SimpleArb
 * classes actually write (their class names upper-cased), not at the SIMPLE_MM / SIMPLE_ARB
 * that Gryphon's table names and that no strategy ever writes.
 */
export const BUILTIN_STRATEGIES: Record<string, StrategyConfig> = Object.freeze({
  manual: builtin('manual', 'Manual', 'MULTI', '-100', '100'),
  multiexchange_linear: builtin(
    'multiexchange_linear',
    'Multiexchange Linear BTC',
    'MULTIEXCHANGE_LINEAR',
    '-2',
    '2',
  ),
  simple_mm: builtin('simple_mm', 'Simple Market Making', 'SIMPLEMARKETMAKING', '-2', '2'),
  simple_arb: builtin('simple_arb', 'Simple Arbitrage', 'SIMPLEARB', '-10', '10'),
});
