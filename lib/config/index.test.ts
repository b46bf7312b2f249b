import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors';
import { BUILTIN_STRATEGIES, loadDashboardConfig, type StrategyConfig } from './index';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function dirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gryphon-conf-test-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}
const load = (text: string, name = 'dashboard.conf') =>
  loadDashboardConfig({ cwd: dirWith({ [name]: text }) });
const section = (name: string, ...lines: string[]) => [`[strategies:${name}]`, ...lines].join('\n');

const DOCS_EXAMPLE = `[strategies:simple_mm_ethusd]
price_currency: USD
volume_currency: ETH
base_point_radius: 30
graph_volume_threshold: 0.00001
display_name: Simple Market Making ETHUSD
strategy_actor: SIMPLEMARKETMAKINGETH
position_graph_min: -0.05
position_graph_max: 0.05
`;

describe('loadDashboardConfig', () => {
  it("parses the example from Gryphon's docs", () => {
    const cfg = load(DOCS_EXAMPLE);
    expect(cfg.warnings).toEqual([]);
    expect(cfg.strategies.simple_mm_ethusd).toEqual<StrategyConfig>({
      key: 'simple_mm_ethusd',
      displayName: 'Simple Market Making ETHUSD',
      strategyActor: 'SIMPLEMARKETMAKINGETH',
      priceCurrency: 'USD',
      volumeCurrency: 'ETH',
      basePointRadius: 30,
      graphVolumeThreshold: '0.00001',
      positionGraphMin: '-0.05',
      positionGraphMax: '0.05',
      source: 'config',
      inferred: [],
    });
    expect(Object.keys(cfg.strategies).sort()).toEqual(
      [...Object.keys(BUILTIN_STRATEGIES), 'simple_mm_ethusd'].sort(),
    );
  });

  it('reads the = form with mixed-case keys and comments the same way', () => {
    const text = DOCS_EXAMPLE.replace(/: /g, ' = ')
      .replace('price_currency', 'Price_Currency')
      .replace('STRATEGY_ACTOR', 'Strategy_Actor')
      .replace('[strategies', '; Gryphon dashboards\n# second comment\n[strategies');
    expect(load(text).strategies.simple_mm_ethusd).toEqual(
      load(DOCS_EXAMPLE).strategies.simple_mm_ethusd,
    );
  });

  it('has no file: builtins only', () => {
    const cfg = loadDashboardConfig({ cwd: dirWith({}) });
    expect(cfg).toEqual({ file: null, strategies: BUILTIN_STRATEGIES, alerts: {}, warnings: [] });
  });

  it('falls back to dashboards.conf, and prefers dashboard.conf when both exist', () => {
    const only = loadDashboardConfig({
      cwd: dirWith({ 'dashboards.conf': section('a', 'strategy_actor: A') }),
    });
    expect(only.file).toMatch(/dashboards\.conf$/);
    expect(only.strategies.a.strategyActor).toBe('A');
    const both = loadDashboardConfig({
      cwd: dirWith({
        'dashboard.conf': section('a', 'strategy_actor: A'),
        'dashboards.conf': section('b', 'strategy_actor: B'),
      }),
    });
    expect(both.file).toMatch(/dashboard\.conf$/);
    expect(both.strategies.b).toBeUndefined();
    expect(both.warnings).toEqual(['dashboards.conf ignored: dashboard.conf is read instead']);
  });

  it('fills defaults for a minimal custom section and records what to infer', () => {
    expect(load(section('mm', 'strategy_actor: MM')).strategies.mm).toEqual<StrategyConfig>({
      key: 'mm',
      displayName: 'mm',
      strategyActor: 'MM',
      priceCurrency: 'USD',
      volumeCurrency: 'BTC',
      basePointRadius: 10,
      graphVolumeThreshold: '0.00001',
      source: 'config',
      inferred: ['priceCurrency', 'volumeCurrency', 'basePointRadius'],
    });
  });

  it('normalises values', () => {
    const s = load(
      section(
        'mm',
        'strategy_actor: MM',
        'price_currency: eur',
        'volume_currency: usdc',
        'graph_volume_threshold: 1e-5',
        'base_point_radius: 2.5',
      ),
    ).strategies.mm;
    expect(s).toMatchObject({
      priceCurrency: 'EUR',
      volumeCurrency: 'USDC',
      graphVolumeThreshold: '0.00001',
      basePointRadius: 2.5,
      inferred: [],
    });
  });

  it('merges a section over the builtin it names (file keys win)', () => {
    const cfg = load(section('simple_mm', 'strategy_actor: MY_MM', 'base_point_radius: 100'));
    expect(cfg.strategies.simple_mm).toEqual({
      ...BUILTIN_STRATEGIES.simple_mm,
      strategyActor: 'MY_MM',
      basePointRadius: 100,
    });
    expect(cfg.strategies.manual).toBe(BUILTIN_STRATEGIES.manual);
    expect(load(section('simple_arb', 'display_name: Arb')).strategies.simple_arb).toMatchObject({
      strategyActor: 'SIMPLEARB',
      displayName: 'Arb',
    });
  });

  it('ignores other sections and warns about unknown keys', () => {
    const cfg = load(
      [
        '[orderbook_collections:main]',
        'exchanges: bitstamp',
        section('mm', 'strategy_actor: MM', 'colour: red'),
      ].join('\n'),
    );
    expect(Object.keys(cfg.strategies)).toContain('mm');
    expect(cfg.warnings).toHaveLength(1);
    expect(cfg.warnings[0]).toMatch(
      /^dashboard\.conf \[strategies:mm\] unknown key "colour" ignored/,
    );
  });

  it.each<[string, string[], string]>([
    [
      'strategy_actor missing',
      [],
      `strategy_actor: expected the order.actor of the strategy's trades, got nothing`,
    ],
    [
      'strategy_actor empty',
      ['strategy_actor:'],
      'strategy_actor: expected a non-empty actor name (order.actor), got ""',
    ],
    [
      'display_name empty',
      ['display_name =', 'strategy_actor: X'],
      'display_name: expected a non-empty name, got ""',
    ],
    [
      'price_currency',
      ['price_currency: US Dollars'],
      'price_currency: expected a currency code such as USD, got "US Dollars"',
    ],
    [
      'volume_currency',
      ['volume_currency: B'],
      'volume_currency: expected a currency code such as BTC, got "B"',
    ],
    [
      'base_point_radius text',
      ['base_point_radius: big'],
      'base_point_radius: expected a positive number, got "big"',
    ],
    [
      'base_point_radius zero',
      ['base_point_radius: 0'],
      'base_point_radius: expected a positive number, got "0"',
    ],
    [
      'base_point_radius hex',
      ['base_point_radius: 0x10'],
      'base_point_radius: expected a positive number, got "0x10"',
    ],
    [
      'graph_volume_threshold',
      ['graph_volume_threshold: -1'],
      'graph_volume_threshold: expected a non-negative decimal number, got "-1"',
    ],
    [
      'graph_volume_threshold NaN',
      ['graph_volume_threshold: NaN'],
      'graph_volume_threshold: expected a non-negative decimal number, got "NaN"',
    ],
    [
      'position_graph_min',
      ['position_graph_min: low', 'position_graph_max: 1'],
      'position_graph_min: expected a decimal number, got "low"',
    ],
    [
      'position_graph_max',
      ['position_graph_min: -1', 'position_graph_max: Infinity'],
      'position_graph_max: expected a decimal number, got "Infinity"',
    ],
    [
      'min without max',
      ['position_graph_min: -1'],
      'position_graph_max: expected a decimal number (position_graph_min and position_graph_max go together)',
    ],
    [
      'max without min',
      ['position_graph_max: 1'],
      'position_graph_min: expected a decimal number (position_graph_min and position_graph_max go together)',
    ],
    [
      'min = max',
      ['position_graph_min: 1', 'position_graph_max: 1.0'],
      'position_graph_max: expected a number greater than position_graph_min (1), got "1"',
    ],
    [
      'min > max',
      ['position_graph_min: 2', 'position_graph_max: -2'],
      'position_graph_max: expected a number greater than position_graph_min (2), got "-2"',
    ],
  ])('rejects %s', (_name, lines, expected) => {
    const body =
      lines.some((l) => l.startsWith('strategy_actor')) || _name.startsWith('strategy_actor')
        ? lines
        : ['strategy_actor: X', ...lines];
    const err = (() => {
      try {
        load(section('simple_mm_ethusd', ...body));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(`dashboard.conf [strategies:simple_mm_ethusd] ${expected}`);
  });

  it('takes __proto__, constructor and toString as names and keys like any other', () => {
    const cfg = load(
      [
        section('__proto__', 'strategy_actor: PROTO'),
        section('toString', 'strategy_actor: TOSTRING', 'constructor: x', 'hasOwnProperty: y'),
      ].join('\n'),
    );
    expect(Object.keys(cfg.strategies)).toEqual(expect.arrayContaining(['__proto__', 'toString']));
    expect(Object.hasOwn(cfg.strategies, '__proto__')).toBe(true);
    const toStringKey: string = 'toString';
    expect(cfg.strategies[toStringKey].strategyActor).toBe('TOSTRING');
    expect(cfg.warnings.join('\n')).toContain('unknown key "constructor"');
    expect(Object.hasOwn(cfg.strategies, 'constructor')).toBe(false);
    expect(Object.hasOwn(load('').strategies, 'toString')).toBe(false);
  });

  it('rejects a URL-unsafe strategy name and a garbage file', () => {
    expect(() => load('[strategies:my mm]\nstrategy_actor: X')).toThrow(
      /^dashboard\.conf \[strategies:my mm\]: expected a URL name/,
    );
    expect(() => load('<html><body>oops</body></html>', 'dashboards.conf')).toThrow(
      /^dashboards\.conf line 1: expected "\[section\]", "key: value" or "key = value", got "<html>/,
    );
  });
});
