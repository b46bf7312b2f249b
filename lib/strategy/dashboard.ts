import 'server-only';
import type { Pool } from 'mysql2/promise';
import type { StrategyConfig } from '../config/types';
import type { TimeWindow } from '../core/time/time-window';
import { bandsFromFills, bandsNote, drawsBands } from './domain/bands';
import { computeFifoPnl, openingLots } from './domain/fifo';
import {
  normaliseStrategyFill,
  normaliseStrategyFills,
  unitPrice,
  type StrategyCurrencies,
  type StrategyFill,
} from '../fills/strategy-fills';
import { markPriceFromOrder } from '../fills/currency-conversion';
import { chooseMarkPrice, markNote, type MarkSource } from './domain/mark-price';
import {
  drawnFromBuckets,
  drawnFromFills,
  type DrawnSeries,
  type DrawnTrades,
} from './domain/drawn';
import { type Fixed, fixedToNumber, fixedToString, parseFixed } from '../core/money/fixed';
import { formatMoney } from '../core/money/money';
import {
  latestFillOfPairFromRollup,
  latestOrderInWindow,
  listSameSideFillsNewestFirst,
  listStrategyFills,
  latestStrategyFill,
} from './queries';
import { lotSearchStart, readFillSums, readRollupStatus, rollupProgressNote } from '../rollup/read';
import type { BucketSums } from '../rollup/domain/sums';
import { strategyFromRollup } from './rollup-path';
import { openingPosition, usualVolumeCurrency } from './position';
import { inferStrategy, inferStrategyFromSums } from './infer';

/** Everything the strategy page and its JSON endpoint show. Plain data: decimal strings and numbers to draw. */
export interface StrategyDashboard {
  strategy: Pick<
    StrategyConfig,
    | 'key'
    | 'displayName'
    | 'strategyActor'
    | 'priceCurrency'
    | 'volumeCurrency'
    | 'basePointRadius'
    | 'graphVolumeThreshold'
    | 'positionGraphMin'
    | 'positionGraphMax'
    | 'source'
    | 'inferred'
  >;
  window: { start: string; end: string };
  figures: {
    fillCount: number;
    openingPosition: string;
    closingPosition: string;
    totalVolume: string;
    bidVolume: string;
    askVolume: string;
    matchedVolume: string;
    revenue: string;
    fees: string;
    profit: string;
    volumeCurrencyFees: string;
    openPosition: string;
    unrealizedPnl: string | null;
    markPrice: string | null;
    /** Where markPrice comes from: the latest order's fundamental value, or a fill's unit price (see lib/strategy/domain/mark-price.ts). */
    markSource: MarkSource | null;
    unexplainedOpeningVolume: string;
    otherVolumeCurrencyFills: number;
    /** Fills whose volume-currency fee was valued at their own price: their fundamental value was a placeholder. */
    placeholderFundamentalFills: number;
  };
  /** What the graphs draw, as columns of rounded numbers (lib/strategy/domain/drawn.ts). */
  trades: DrawnTrades;
  series: DrawnSeries;
  /** Things the reader should know about these numbers, one sentence each. */
  notes: string[];
  /** Server-side timings in ms, for the benchmark. */
  timings: Record<string, number>;
}

const MAX_POINTS = 2000;

/** Unit price of the newest fill with a volume; fills are in (time, trade id) order. */
function latestUnitPrice(fills: readonly StrategyFill[]): Fixed | null {
  for (let i = fills.length - 1; i >= 0; i--) if (fills[i].volume > 0n) return unitPrice(fills[i]);
  return null;
}

/** Windows with more fills than this are drawn from the rollup instead of fill by fill. */
export const RAW_FILLS_LIMIT = 20_000;

export async function loadStrategyDashboard(
  config: StrategyConfig,
  window: TimeWindow,
  now: Date,
  pools: { trading: Pool; dashboards: Pool },
  opts: { path?: 'auto' | 'fills' | 'rollup' } = {},
): Promise<StrategyDashboard> {
  const { trading, dashboards } = pools;
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) =>
    (timings[name] = Math.round(performance.now() - since));
  const actor = config.strategyActor;
  const notes: string[] = [];

  let t = performance.now();
  // Only reads: the background keeps the rollup up to date (lib/background).
  const rollup = await readRollupStatus(trading, dashboards);
  const behind = rollupProgressNote(rollup);
  if (behind) notes.push(behind);
  lap('rollup', t);

  if (opts.path !== 'fills') {
    t = performance.now();
    const sums = await readFillSums(trading, dashboards, {
      from: window.start,
      to: window.end,
      byDay: false,
      actor,
      mark: rollup.mark,
    });
    lap('rollupSums', t);
    const count = sums.reduce((n, r) => n + r.count, 0);
    if (opts.path === 'rollup' || count > RAW_FILLS_LIMIT) {
      const fromRollup = await loadFromRollup(config, window, pools, {
        sums,
        mark: rollup.mark,
        notes,
        timings,
      });
      if (fromRollup) return fromRollup;
    }
  }

  t = performance.now();
  const rows = await listStrategyFills(trading, { actor, start: window.start, end: window.end });
  lap('sqlFills', t);

  const strategy = inferStrategy(
    config,
    rows,
    config.inferred.includes('volumeCurrency')
      ? await usualVolumeCurrency(dashboards, actor)
      : null,
  );
  const currencies = {
    priceCurrency: strategy.priceCurrency,
    volumeCurrency: strategy.volumeCurrency,
  };

  t = performance.now();
  const normalised = normaliseStrategyFills(rows, currencies);
  lap('normalise', t);
  if (normalised.otherVolumeCurrencyFills > 0) {
    notes.push(
      `${normalised.otherVolumeCurrencyFills.toLocaleString('en-US')} fills in ${normalised.otherVolumeCurrencies.join(', ')} are left out: ` +
        `this dashboard counts ${strategy.volumeCurrency} positions only.`,
    );
  }
  const placeholders = normalised.placeholderFundamentalFills;
  if (placeholders > 0) {
    notes.push(
      `${placeholders === 1 ? '1 fill has' : `${placeholders.toLocaleString('en-US')} fills have`} a fee in ${strategy.volumeCurrency} whose order's fundamental value ` +
        "is a placeholder far from the fill's price: that fee is valued at the fill's own price instead.",
    );
  }

  t = performance.now();
  const opening = await openingPosition(trading, dashboards, {
    actor,
    volumeCurrency: strategy.volumeCurrency,
    at: window.start,
    mark: rollup.mark,
  });
  let lots = openingLots([], 0n);
  if (opening.position !== 0n) {
    const side = opening.position > 0n ? 'BID' : 'ASK';
    const needed = opening.position > 0n ? opening.position : -opening.position;
    const from = await lotSearchStart(dashboards, {
      actor,
      volumeCurrency: strategy.volumeCurrency,
      side,
      needed,
      covered: side === 'BID' ? opening.partialDay.bid : opening.partialDay.ask,
      beforeDay: opening.dayStart,
    });
    const candidates = await listSameSideFillsNewestFirst(trading, {
      actor,
      volumeCurrency: strategy.volumeCurrency,
      side,
      from,
      before: window.start,
    });
    lots = openingLots(normaliseStrategyFills(candidates, currencies).fills, opening.position);
  }
  lap('openingLots', t);

  t = performance.now();
  const { markChoice, latest } = await chooseMark(pools, {
    actor,
    window,
    currencies,
    mark: rollup.mark,
    strategyFillPrice: async () => latestUnitPrice(normalised.fills),
  });
  const mark = markChoice.price;
  lap('mark', t);

  t = performance.now();
  const pnl = computeFifoPnl({
    start: window.start,
    openingLots: lots.lots,
    fills: normalised.fills,
    markPrice: mark,
  });
  lap('fifo', t);
  if (pnl.unexplainedOpeningVolume !== '0') {
    notes.push(
      `${formatMoney(pnl.unexplainedOpeningVolume, strategy.volumeCurrency)} of the opening position is not explained by earlier fills; ` +
        'round trips against it are left out of revenue and fees.',
    );
  }
  const note = markNote(markChoice, {
    openPosition: parseFixed(pnl.openPosition),
    hadOrder: latest !== null,
    priceCurrency: strategy.priceCurrency,
  });
  if (note !== null) notes.push(note);

  t = performance.now();
  const bands = drawsBands(normalised.fills.length)
    ? bandsFromFills(normalised.fills, opening.position, window)
    : null;
  if (bands) notes.push(bandsNote(normalised.fills.length, bands.size, false));
  const { trades, series } = drawnFromFills(normalised.fills, pnl, window, {
    maxPoints: MAX_POINTS,
    volumeThreshold: strategy.graphVolumeThreshold,
    bands,
  });
  lap('downsample', t);

  return {
    strategy: shownStrategy(strategy),
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    figures: {
      fillCount: pnl.fillCount,
      openingPosition: pnl.openingPosition,
      closingPosition: pnl.closingPosition,
      totalVolume: pnl.totalVolume,
      bidVolume: pnl.bidVolume,
      askVolume: pnl.askVolume,
      matchedVolume: pnl.matchedVolume,
      revenue: pnl.revenue,
      fees: pnl.fees,
      profit: pnl.profit,
      volumeCurrencyFees: pnl.volumeCurrencyFees,
      openPosition: pnl.openPosition,
      unrealizedPnl: pnl.unrealizedPnl,
      markPrice: mark === null ? null : fixedToString(mark),
      markSource: markChoice.source,
      unexplainedOpeningVolume: pnl.unexplainedOpeningVolume,
      otherVolumeCurrencyFills: normalised.otherVolumeCurrencyFills,
      placeholderFundamentalFills: normalised.placeholderFundamentalFills,
    },
    trades,
    series,
    notes,
    timings,
  };
}

/**
 * The mark for the open position: the latest order's fundamental value, checked against the
 * pair's latest fill before the window end (Gryphon's harness writes a placeholder of 1 on every
 * order), else that fill's price, else the strategy's own latest fill in the window.
 */
async function chooseMark(
  pools: { trading: Pool; dashboards: Pool },
  q: {
    actor: string;
    window: TimeWindow;
    currencies: StrategyCurrencies;
    /** The rollup's mark (the pair's latest fill is found from the rollup). */
    mark: number;
    strategyFillPrice: () => Promise<Fixed | null>;
  },
) {
  const { trading, dashboards } = pools;
  const latest = await latestOrderInWindow(trading, {
    actor: q.actor,
    start: q.window.start,
    end: q.window.end,
  });
  const pairRow = latest?.exchangeName
    ? await latestFillOfPairFromRollup(trading, dashboards, {
        exchangeName: latest.exchangeName,
        volumeCurrency: q.currencies.volumeCurrency,
        before: q.window.end,
        mark: q.mark,
      })
    : null;
  // Only the price of another actor's fill matters: its fee (in whatever currency) is not read.
  const pairFill = pairRow ? normaliseStrategyFill({ ...pairRow, fee: null }, q.currencies) : null;
  const pairFillPrice = pairFill ? unitPrice(pairFill) : null;
  const markChoice = chooseMarkPrice({
    fundamentalValue: latest ? markPriceFromOrder(latest, q.currencies) : null,
    pairFillPrice,
    strategyFillPrice: pairFillPrice === null ? await q.strategyFillPrice() : null,
  });
  return { markChoice, latest };
}

const LEVEL_WORDS = { 1: 'minute', 4: '5 minutes', 2: 'hour', 3: 'day' } as const;

/** The page for a long window, from the rollup (rollup-path.ts); null when it cannot answer. */
async function loadFromRollup(
  config: StrategyConfig,
  window: TimeWindow,
  pools: { trading: Pool; dashboards: Pool },
  ctx: { sums: BucketSums[]; mark: number; notes: string[]; timings: Record<string, number> },
): Promise<StrategyDashboard | null> {
  const { trading, dashboards } = pools;
  const actor = config.strategyActor;
  let t = performance.now();
  const strategy = inferStrategyFromSums(
    config,
    ctx.sums.map((r) => ({ ...r, volume: fixedToNumber(r.volume) })),
    config.inferred.includes('volumeCurrency')
      ? await usualVolumeCurrency(dashboards, actor)
      : null,
  );
  const currencies = {
    priceCurrency: strategy.priceCurrency,
    volumeCurrency: strategy.volumeCurrency,
  };
  const w = await strategyFromRollup(pools, {
    actor,
    currencies,
    window,
    mark: ctx.mark,
    maxPoints: MAX_POINTS,
    windowSums: ctx.sums,
  });
  ctx.timings.rollupWindow = Math.round(performance.now() - t);
  if (w === null) return null;
  t = performance.now();
  const { markChoice, latest } = await chooseMark(pools, {
    actor,
    window,
    currencies,
    mark: ctx.mark,
    strategyFillPrice: async () => {
      const row = await latestStrategyFill(trading, {
        actor,
        volumeCurrency: currencies.volumeCurrency,
        start: window.start,
        end: window.end,
      });
      return row ? unitPrice(normaliseStrategyFill({ ...row, fee: null }, currencies)) : null;
    },
  });
  const mark = markChoice.price;
  // The open lots at the end valued at the mark, exactly as the FIFO over fills values them.
  const open = computeFifoPnl({
    start: window.end,
    openingLots: w.closingLots,
    fills: [],
    markPrice: mark,
  });
  ctx.timings.mark = Math.round(performance.now() - t);
  const f = w.figures;
  const s = (v: Fixed) => fixedToString(v);
  const others = ctx.sums.filter(
    (r) => r.volumeCurrency !== currencies.volumeCurrency.toUpperCase(),
  );
  const otherFills = others.reduce((n, r) => n + r.count, 0);
  const notes = [...ctx.notes];
  if (otherFills > 0) {
    notes.push(
      `${otherFills.toLocaleString('en-US')} fills in ${[...new Set(others.map((r) => r.volumeCurrency))].sort().join(', ')} are left out: ` +
        `this dashboard counts ${strategy.volumeCurrency} positions only.`,
    );
  }
  notes.push(
    w.bands
      ? bandsNote(f.fillCount, w.bands.size, true)
      : `${f.fillCount.toLocaleString('en-US')} fills: figures exact; the graphs show one point and one half-disc per ${LEVEL_WORDS[w.level]} and side (from the rollup), at the volume-weighted price.`,
  );
  const note = markNote(markChoice, {
    openPosition: f.closingPosition,
    hadOrder: latest !== null,
    priceCurrency: strategy.priceCurrency,
  });
  if (note !== null) notes.push(note);
  const drawn = drawnFromBuckets(w, window, MAX_POINTS);
  return {
    strategy: shownStrategy(strategy),
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    figures: {
      fillCount: f.fillCount,
      openingPosition: s(f.openingPosition),
      closingPosition: s(f.closingPosition),
      totalVolume: s(f.bidVolume + f.askVolume),
      bidVolume: s(f.bidVolume),
      askVolume: s(f.askVolume),
      matchedVolume: s(f.matchedVolume),
      revenue: s(f.revenue),
      fees: s(f.fees),
      profit: s(f.revenue - f.fees),
      volumeCurrencyFees: s(f.volumeCurrencyFees),
      openPosition: open.openPosition,
      unrealizedPnl: open.unrealizedPnl,
      markPrice: mark === null ? null : fixedToString(mark),
      markSource: markChoice.source,
      unexplainedOpeningVolume: '0',
      otherVolumeCurrencyFills: otherFills,
      // Counted fill by fill only (short windows).
      placeholderFundamentalFills: 0,
    },
    trades: drawn.trades,
    series: drawn.series,
    notes,
    timings: ctx.timings,
  };
}

/** The strategy's settings as the page shows them (after inference). */
function shownStrategy(strategy: StrategyConfig): StrategyDashboard['strategy'] {
  return {
    key: strategy.key,
    displayName: strategy.displayName,
    strategyActor: strategy.strategyActor,
    priceCurrency: strategy.priceCurrency,
    volumeCurrency: strategy.volumeCurrency,
    basePointRadius: strategy.basePointRadius,
    graphVolumeThreshold: strategy.graphVolumeThreshold,
    positionGraphMin: strategy.positionGraphMin,
    positionGraphMax: strategy.positionGraphMax,
    source: strategy.source,
    inferred: strategy.inferred,
  };
}
