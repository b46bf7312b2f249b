'use client';

import {
  Area,
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** One day to draw: numbers for drawing only (the exact figures are in the page's text). */
export interface DrawnDay {
  day: string;
  daily: number;
  cumulative: number;
  underwater: number;
}

const UP = 'var(--c-up)';
const DOWN = 'var(--c-down)';
const LINE = 'var(--c-total)';

export type Unit = { kind: 'money'; currency: string } | { kind: 'percent' };

/** Axis and tooltip text: compact money with the currency, or a percentage. */
export function unitFormatter(unit: Unit, precise = false): (v: number) => string {
  if (unit.kind === 'percent')
    return (v) =>
      `${(v * 100).toLocaleString('en-US', { maximumFractionDigits: precise ? 3 : 1 })} %`;
  return (v) => {
    const a = Math.abs(v);
    const [d, s] = precise ? [1, ''] : a >= 1e6 ? [1e6, 'M'] : a >= 1e4 ? [1e3, 'k'] : [1, ''];
    const digits = precise || d > 1 ? 2 : a >= 100 ? 0 : 2;
    return `${unit.currency} ${(v / d).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}${s}`;
  };
}

/** Daily bars (green up, red down) and the cumulative line, on one axis. */
export function DailyAndCumulative({
  days,
  unit,
  dailyName,
  cumulativeName,
}: {
  days: DrawnDay[];
  unit: Unit;
  dailyName: string;
  cumulativeName: string;
}) {
  const axis = unitFormatter(unit);
  const exact = unitFormatter(unit, true);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={days} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="var(--c-grid)" vertical={false} />
        <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis tickFormatter={axis} tick={{ fontSize: 11 }} width={96} />
        <Tooltip formatter={(v) => exact(Number(v))} labelFormatter={(l) => `${String(l)} (UTC)`} />
        <ReferenceLine y={0} stroke="var(--c-ref)" />
        <Bar dataKey="daily" name={dailyName} isAnimationActive={false}>
          {days.map((d) => (
            <Cell key={d.day} fill={d.daily < 0 ? DOWN : UP} />
          ))}
        </Bar>
        <Line
          dataKey="cumulative"
          name={cumulativeName}
          stroke={LINE}
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** Drawdown below the running peak at each day's close (0 at a new peak). */
export function Underwater({ days, unit }: { days: DrawnDay[]; unit: Unit }) {
  const axis = unitFormatter(unit);
  const exact = unitFormatter(unit, true);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={days} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="var(--c-grid)" vertical={false} />
        {/* band scale: each day at the middle of its slot, under the bars of the chart above */}
        <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} scale="band" />
        <YAxis tickFormatter={axis} tick={{ fontSize: 11 }} width={96} domain={['auto', 0]} />
        <Tooltip formatter={(v) => exact(Number(v))} labelFormatter={(l) => `${String(l)} (UTC)`} />
        <Area
          dataKey="underwater"
          name="Below the peak"
          stroke={DOWN}
          fill={DOWN}
          fillOpacity={0.25}
          isAnimationActive={false}
          type="linear"
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
