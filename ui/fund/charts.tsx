'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  axisTickFormatter,
  formatCompactMoney,
  formatDate,
  formatMoney,
  formatTime,
} from '@/ui/shared/format';
import type { FundSeriesPoint } from '@/lib/fund/domain/report-types';
import { useDisplayZone } from '@/ui/shared/display-zone';

const UP = 'var(--c-up)';
const DOWN = 'var(--c-down)';
const TOTAL = 'var(--c-total)';

export interface WaterfallStep {
  key: string;
  label: string;
  /** Signed contribution (parts) or the level (start, end), USD, for drawing. */
  value: number;
  /** The exact USD amount, for the tooltip. */
  exact: string;
  total: boolean;
}

const compactUsd = (v: number) => formatCompactMoney(v, 'USD');

/**
 * Axis labels for [lo, hi]: the unit (k, M, B) of the largest value and enough decimals to tell
 * ticks a fifth of the span apart, so a zoomed axis does not read "$13.83M" five times.
 */
export function axisFormatter(lo: number, hi: number): (v: number) => string {
  return axisTickFormatter(lo, hi, '$');
}

/**
 * Bars and the value axis. Totals stand on the axis floor, which is not 0 when every level is
 * far from 0: a change of 0.1% of the fund must stay visible.
 */
export function waterfallBars(steps: readonly WaterfallStep[]) {
  const levels: number[] = [];
  let running = 0;
  for (const s of steps) {
    running = s.total ? s.value : running + s.value;
    levels.push(running);
  }
  const lo = Math.min(...levels);
  const hi = Math.max(...levels);
  const pad = (hi - lo) * 0.25 || Math.abs(hi) * 0.01 || 1;
  const floor = lo > 0 && lo - pad > 0 ? lo - pad : hi < 0 && hi + pad < 0 ? hi + pad : 0;
  const bars = steps.map((s, i) => {
    const before = s.total ? floor : i > 0 ? levels[i - 1] : 0;
    const after = levels[i];
    const shown = s.total
      ? compactUsd(s.value)
      : `${s.value >= 0 ? '+' : '-'}${compactUsd(Math.abs(s.value))}`;
    return {
      ...s,
      range: [Math.min(before, after), Math.max(before, after)] as [number, number],
      shown,
    };
  });
  return {
    bars,
    domain: [Math.min(floor, lo - pad * 0.2), Math.max(floor, hi + pad * 0.4)] as [number, number],
    floor,
  };
}

export function Waterfall({ steps }: { steps: WaterfallStep[] }) {
  const { bars: data, domain, floor } = waterfallBars(steps);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 24, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="var(--c-grid)" vertical={false} />
        <XAxis
          dataKey="label"
          interval={0}
          tick={{ fontSize: 11 }}
          height={56}
          angle={-20}
          textAnchor="end"
        />
        <YAxis
          tickFormatter={axisFormatter(domain[0], domain[1])}
          width={92}
          domain={domain}
          allowDataOverflow
          label={
            floor !== 0
              ? {
                  value: 'axis does not start at 0',
                  angle: -90,
                  position: 'insideLeft',
                  offset: 0,
                  style: { fontSize: 10, fill: 'var(--c-axis)' },
                }
              : undefined
          }
        />
        {floor === 0 && <ReferenceLine y={0} stroke="var(--c-ref)" />}
        <Tooltip
          isAnimationActive={false}
          formatter={(_v, _n, item) => [
            formatMoney(
              (item?.payload as WaterfallStep | undefined)?.exact ?? '0',
              'USD',
              // contributions signed, the start and end levels not
              { sign: !(item?.payload as WaterfallStep | undefined)?.total },
            ),
            (item?.payload as WaterfallStep | undefined)?.label ?? '',
          ]}
          labelFormatter={() => ''}
        />
        <Bar dataKey="range" isAnimationActive={false} name="USD">
          {data.map((d) => (
            <Cell
              key={d.key}
              className={`waterfall-bar waterfall-${d.key}`}
              fill={d.total ? TOTAL : d.value >= 0 ? UP : DOWN}
            />
          ))}
          <LabelList
            dataKey="shown"
            position="top"
            style={{ fontSize: 11, fill: 'var(--c-axis)' }}
          />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

const DAY = 86_400_000;
const day = (ms: number) => formatDate(ms);

/**
 * UTC midnights inside [start, end], at most about `count`, a whole number of days apart: the
 * points are valued at UTC midnights (the rollup's days), so the axis keeps UTC dates in every
 * display zone; the tooltip gives the point's time in the zone.
 */
function dayTicks(start: number, end: number, count: number): number[] {
  const first = Math.ceil(start / DAY) * DAY;
  const step = Math.max(1, Math.ceil((end - first) / DAY / count)) * DAY;
  const out: number[] = [];
  for (let t = first; t <= end; t += step) out.push(t);
  return out;
}

/** One series over the window (net assets, total assets or total liabilities), its own scale. */
export function SeriesLine({
  points,
  dataKey,
  name,
  colour,
  start,
  end,
}: {
  points: FundSeriesPoint[];
  dataKey: 'netAssets' | 'assets' | 'liabilities';
  name: string;
  colour: string;
  start: number;
  end: number;
}) {
  const tz = useDisplayZone();
  const values = points.map((p) => p[dataKey]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.001 || 1;
  const format = axisFormatter(lo - pad, hi + pad);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="var(--c-grid)" />
        <XAxis
          type="number"
          dataKey="t"
          domain={[start, end]}
          scale="time"
          ticks={dayTicks(start, end, 6)}
          tickFormatter={(ms: number) =>
            end - start > 300 * DAY ? day(ms).slice(0, 7) : day(ms).slice(5)
          }
          allowDataOverflow
        />
        <YAxis tickFormatter={format} width={84} domain={[lo - pad, hi + pad]} allowDataOverflow />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(ms) => formatTime(Number(ms), { tz })}
          formatter={(v) => [formatMoney(Number(v), 'USD'), name]}
        />
        <Line
          type="linear"
          dataKey={dataKey}
          name={name}
          stroke={colour}
          strokeWidth={2}
          dot={points.length <= 40}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
