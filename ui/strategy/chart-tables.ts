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
): ChartTable {
  if (trades.bands) {
    const price = (v: number) => formatPrice(v, c.priceCurrency);
    const volume = (v: number) => formatQuantity(v, c.volumeCurrency);
    return {
      columns: ['Bucket', 'Bid VWAP', 'Bid volume', 'Ask VWAP', 'Ask volume', 'Ask − bid'],
      rows: tradeBandRows(trades.bands, start).map((r) => [
        formatTimeRange(r.from, r.to),
        orDash(r.bidVwap, price),
        volume(r.bidVolume),
        orDash(r.askVwap, price),
        volume(r.askVolume),
        r.gap ? price(r.gap[1] - r.gap[0]) : '',
      ]),
    };
  }
  return {
    columns: ['Time', 'Side', 'Exchange', 'Unit price', 'Volume', 'Fills'],
    rows: discRows(trades, start).map((d) => [
      d.firstT !== null && d.lastT !== null ? formatTimeRange(d.firstT, d.lastT) : formatTime(d.t),
      d.side === 'BID' ? 'Bid (buy)' : 'Ask (sell)',
      d.exchange,
      formatPrice(d.unitPrice, c.priceCurrency),
      formatQuantity(d.volume, c.volumeCurrency),
      formatCount(d.count),
    ]),
  };
}

export function spreadTable(trades: DrawnTrades, start: number, priceCurrency: string): ChartTable {
  return {
    columns: ['Bucket', 'Ask VWAP − bid VWAP'],
    rows: (trades.bands ? tradeBandRows(trades.bands, start) : [])
      .filter((r) => r.gap !== null)
      .map((r) => [
        formatTimeRange(r.from, r.to),
        formatPrice(r.gap![1] - r.gap![0], priceCurrency),
      ]),
  };
}

export function positionTable(
  series: DrawnSeries,
  start: number,
  until: number,
  c: { priceCurrency: string; volumeCurrency: string },
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
    rows: rows.map((r) => [
      formatTime(r.t),
      orDash(r.position, qty),
      r.positionRange ? `${qty(r.positionRange[0])} … ${qty(r.positionRange[1])}` : '',
      orDash(r.revenue, money),
      orDash(r.profit, money),
    ]),
  };
}
