/** Keys a strategy section may leave out that the strategy page can infer from the fills. */
export type InferableKey = 'priceCurrency' | 'volumeCurrency' | 'basePointRadius';

export interface StrategyConfig {
  /** URL key: `/strategy/<key>`; the `<name>` of `[strategies:<name>]`. */
  key: string;
  displayName: string;
  /** Value of `order.actor` whose trades belong to the strategy (compare case-insensitively). */
  strategyActor: string;
  priceCurrency: string;
  volumeCurrency: string;
  /** Pixels: a trade's dot radius is basePointRadius × sqrt(volume). */
  basePointRadius: number;
  /** Decimal string in the volume currency: trades with volume ≤ this are counted but not plotted. */
  graphVolumeThreshold: string;
  /** Decimal strings in the volume currency: fixed range of the position axis (both or neither). */
  positionGraphMin?: string;
  positionGraphMax?: string;
  /**
   * 'builtin' for the four builtin keys, even when a file section overrides some of their
   * values (Gryphon lists them with the builtins, not under "Custom Strategies").
   */
  source: 'builtin' | 'config' | 'database';
  /** Keys the file left out and that were filled with defaults; the page may infer them. */
  inferred: InferableKey[];
}

export interface DashboardConfig {
  /** Absolute path of the file read, or null when there is none. */
  file: string | null;
  /** Builtins merged with the file's `[strategies:*]` sections (file values win). */
  strategies: Record<string, StrategyConfig>;
  /**
   * `[alert:<name>]` sections as written (lower-cased keys), validated by lib/alerts
   * (config-rules.ts) so that a bad one is shown on /alerts rather than stopping the server.
   */
  alerts: Record<string, Record<string, string>>;
  /** Things ignored on purpose (unknown keys, misplaced sections), one line each. */
  warnings: string[];
}
