import type { DrawnSeries, DrawnTrades } from '@/lib/strategy/domain/drawn';
import type { ChartTable } from '@/ui/shared/chart-frame';
import {
  formatCount,
  formatMoneyShown,
  formatPrice,
  formatQuantity,
  formatTime,
  formatTimeRange,
} from '@/ui/shared/format';
import { discRows, positionBandRows, seriesRows, tradeBandRows } from './rows';

/**
 * The strategy graphs' data tables and CSVs: the rows each graph draws (rows.ts), every
 * number as its tooltip shows it (ui/shared/format.ts).
 */
const orDash = (v: number | null | undefined, f: (v: number) => string) =>
  v === null || v === undefined ? '' : f(v);

export function fillsTable(
  trades: DrawnTrades,
  start: number,
  c: { priceCurrency: string; volumeCurrency: string },
  tz?: string,
): ChartTable {
  if (trades.bands) {
    const price = (v: number) => formatPrice(v, c.priceCurrency);
    const volume = (v: number) => formatQuantity(v, c.volumeCurrency);
    const rows = tradeBandRows(trades.bands, start);
    return {
      columns: ['Bucket', 'Bid VWAP', 'Bid volume', 'Ask VWAP', 'Ask volume', 'Ask − bid'],
      times: rows.map((r) => r.from),
      rows: rows.map((r) => [
        formatTimeRange(r.from, r.to, { tz }),
        orDash(r.bidVwap, price),
        volume(r.bidVolume),
        orDash(r.askVwap, price),
        volume(r.askVolume),
        r.gap ? price(r.gap[1] - r.gap[0]) : '',
      ]),
    };
  }
  const discs = discRows(trades, start);
  return {
    columns: ['Time', 'Side', 'Exchange', 'Unit price', 'Volume', 'Fills'],
    times: discs.map((d) => d.firstT ?? d.t),
    rows: discs.map((d) => [
      d.firstT !== null && d.lastT !== null
        ? formatTimeRange(d.firstT, d.lastT, { tz })
        : formatTime(d.t, { tz }),
      d.side === 'BID' ? 'Bid (buy)' : 'Ask (sell)',
      d.exchange,
      formatPrice(d.unitPrice, c.priceCurrency),
      formatQuantity(d.volume, c.volumeCurrency),
      formatCount(d.count),
    ]),
  };
}

export function spreadTable(
  trades: DrawnTrades,
  start: number,
  priceCurrency: string,
  tz?: string,
): ChartTable {
  const rows = (trades.bands ? tradeBandRows(trades.bands, start) : []).filter(
    (r) => r.gap !== null,
  );
  return {
    columns: ['Bucket', 'Ask VWAP − bid VWAP'],
    times: rows.map((r) => r.from),
    rows: rows.map((r) => [
      formatTimeRange(r.from, r.to, { tz }),
      formatPrice(r.gap![1] - r.gap![0], priceCurrency),
    ]),
  };
}

export function positionTable(
  series: DrawnSeries,
  start: number,
  until: number,
  c: { priceCurrency: string; volumeCurrency: string },
  tz?: string,
): ChartTable {
  const rows =
    series.positionBands !== null
      ? positionBandRows(series, start, until)
      : seriesRows(series, start, until);
  const qty = (v: number) => formatQuantity(v, c.volumeCurrency);
  const money = (v: number) => formatMoneyShown(v, c.priceCurrency);
  return {
    columns: [
      'Time',
      `Position (${c.volumeCurrency})`,
      'Position range',
      `Realized revenue (${c.priceCurrency})`,
      `Realized profit (${c.priceCurrency})`,
    ],
    times: rows.map((r) => r.t),
    rows: rows.map((r) => [
      formatTime(r.t, { tz }),
      orDash(r.position, qty),
      r.positionRange ? `${qty(r.positionRange[0])} … ${qty(r.positionRange[1])}` : '',
      orDash(r.revenue, money),
      orDash(r.profit, money),
    ]),
  };
}
