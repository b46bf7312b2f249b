import Decimal from 'decimal.js';
import { z } from 'zod';
import { ConfigError } from '../core/errors';
import type { InferableKey, StrategyConfig } from './types';

/** Used when a custom section leaves a key out; recorded in `inferred` where fills can tell. */
export const STRATEGY_DEFAULTS = {
  priceCurrency: 'USD',
  volumeCurrency: 'BTC',
  basePointRadius: 10,
  graphVolumeThreshold: '0.00001',
} as const;

/** Plain decimal notation only: decimal.js would also take `0x1f`, `Infinity` and `NaN`. */
const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Normalised with toFixed(), so `1e-5` is stored as `0.00001`. */
const decimalString = (check: (d: Decimal) => boolean) =>
  z
    .string()
    // One refine, not regex() + refine(): zod 4 runs later checks even after one fails.
    .refine((s) => DECIMAL_RE.test(s) && check(new Decimal(s)))
    .transform((s) => {
      const d = new Decimal(s);
      return d.isZero() ? '0' : d.toFixed();
    });

/**
 * One schema per key Gryphon reads (reference 9.2), with what we tell the user it expected.
 * Gryphon's Money list is USD CAD EUR BTC ETH BCH ZEC LTC; any 3-5 letter code is accepted
 * so that newer coins work, and it is upper-cased to match the trades' currency columns.
 */
const KEYS = {
  strategy_actor: { schema: z.string().min(1), expected: 'a non-empty actor name (order.actor)' },
  display_name: { schema: z.string().min(1), expected: 'a non-empty name' },
  price_currency: {
    schema: z
      .string()
      .regex(/^[A-Za-z]{3,5}$/)
      .transform((s) => s.toUpperCase()),
    expected: 'a currency code such as USD',
  },
  volume_currency: {
    schema: z
      .string()
      .regex(/^[A-Za-z]{3,5}$/)
      .transform((s) => s.toUpperCase()),
    expected: 'a currency code such as BTC',
  },
  base_point_radius: {
    schema: decimalString((d) => d.gt(0)).transform(Number),
    expected: 'a positive number',
  },
  graph_volume_threshold: {
    schema: decimalString((d) => d.gte(0)),
    expected: 'a non-negative decimal number',
  },
  position_graph_min: { schema: decimalString(() => true), expected: 'a decimal number' },
  position_graph_max: { schema: decimalString(() => true), expected: 'a decimal number' },
} as const;
type Key = keyof typeof KEYS;
type Parsed = { [K in Key]?: z.output<(typeof KEYS)[K]['schema']> };

/**
 * Validates one `[strategies:<name>]` section. `base` is the builtin it overrides, if any: its
 * values fill the keys the file leaves out. Unknown keys are ignored with a warning, as
 * Gryphon ignores them.
 */
export function strategyFromSection(
  file: string,
  name: string,
  raw: Record<string, string>,
  base: StrategyConfig | undefined,
  warnings: string[],
): StrategyConfig {
  const where = `${file} [strategies:${name}]`;
  const v: Parsed = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(KEYS, key)) {
      warnings.push(
        `${where} unknown key "${key}" ignored (known keys: ${Object.keys(KEYS).join(', ')})`,
      );
      continue;
    }
    const { schema, expected } = KEYS[key as Key];
    const result = schema.safeParse(value.trim());
    if (!result.success || value.trim() === '') {
      throw new ConfigError(`${where} ${key}: expected ${expected}, got "${value}"`);
    }
    (v as Record<string, unknown>)[key] = result.data;
  }
  const hasMin = v.position_graph_min !== undefined;
  if (hasMin !== (v.position_graph_max !== undefined)) {
    const missing = hasMin ? 'position_graph_max' : 'position_graph_min';
    throw new ConfigError(
      `${where} ${missing}: expected a decimal number (position_graph_min and position_graph_max go together)`,
    );
  }
  const [min, max] = [v.position_graph_min, v.position_graph_max];
  if (min !== undefined && max !== undefined && !new Decimal(min).lt(max)) {
    throw new ConfigError(
      `${where} position_graph_max: expected a number greater than position_graph_min (${min}), got "${max}"`,
    );
  }
  const actor = v.strategy_actor ?? base?.strategyActor;
  if (!actor)
    throw new ConfigError(
      `${where} strategy_actor: expected the order.actor of the strategy's trades, got nothing`,
    );

  const inferred: InferableKey[] = [];
  const pick = <T>(
    value: T | undefined,
    fromBase: T | undefined,
    fallback: T,
    k?: InferableKey,
  ): T => {
    if (value !== undefined) return value;
    if (fromBase !== undefined) return fromBase;
    if (k) inferred.push(k);
    return fallback;
  };
  const positions = hasMin
    ? { positionGraphMin: min, positionGraphMax: max }
    : base?.positionGraphMin !== undefined
      ? { positionGraphMin: base.positionGraphMin, positionGraphMax: base.positionGraphMax }
      : {};
  return {
    key: name,
    displayName: v.display_name ?? base?.displayName ?? name,
    strategyActor: actor,
    priceCurrency: pick(
      v.price_currency,
      base?.priceCurrency,
      STRATEGY_DEFAULTS.priceCurrency,
      'priceCurrency',
    ),
    volumeCurrency: pick(
      v.volume_currency,
      base?.volumeCurrency,
      STRATEGY_DEFAULTS.volumeCurrency,
      'volumeCurrency',
    ),
    basePointRadius: pick(
      v.base_point_radius,
      base?.basePointRadius,
      STRATEGY_DEFAULTS.basePointRadius,
      'basePointRadius',
    ),
    graphVolumeThreshold: pick<string>(
      v.graph_volume_threshold,
      base?.graphVolumeThreshold,
      STRATEGY_DEFAULTS.graphVolumeThreshold,
    ),
    ...positions,
    source: base ? 'builtin' : 'config',
    inferred,
  };
}
