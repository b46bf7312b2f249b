'use client';

import { useDisplayZone } from '@/ui/shared/display-zone';
import { wallTime } from '@/lib/core/time/zone';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame } from '@/ui/shared/chart-frame';
import { formatDecimal, formatTime } from '@/ui/shared/format';

const BID = 'var(--c-bid)';
const ASK = 'var(--c-ask)';
const ALL = 'var(--c-all)';
const POS = 'var(--c-up)';
const NEG = 'var(--c-down)';

const num = (v: number, d = 4) =>
  Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: d }) : '–';
/** A drawn value in the data tables and CSVs (ui/shared/format.ts); '' for a gap. */
const cell = (v: number | null | undefined, d: number) =>
  v === null || v === undefined || !Number.isFinite(v) ? '' : formatDecimal(v, 0, d);

/** Markout (bps, size-weighted) against horizon on a log axis; h = 0 is drawn at 0.1 s. */
export function MarkoutCurve({
  points,
}: {
  points: Array<{
    seconds: number;
    label: string;
    bid: number | null;
    ask: number | null;
    all: number | null;
  }>;
}) {
  const data = points.map((p) => ({ ...p, x: Math.max(p.seconds, 0.1) }));
  return (
    <ChartFrame
      title="Markout against horizon (bps)"
      table={() => ({
        columns: ['Horizon', 'Bids (bps)', 'Asks (bps)', 'Both (bps)'],
        rows: points.map((p) => [p.label, cell(p.bid, 2), cell(p.ask, 2), cell(p.all, 2)]),
      })}
    >
      <div className="chart-panel" style={{ height: 300 }} data-testid="markout-curve">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 10, right: 20, bottom: 20, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--c-grid)" />
            <XAxis
              dataKey="x"
              type="number"
              scale="log"
              domain={[0.1, 3600]}
              ticks={data.map((d) => d.x)}
              tickFormatter={(v: number) => data.find((d) => d.x === v)?.label ?? ''}
            />
            <YAxis
              tickFormatter={(v: number) => num(v, 2)}
              label={{ value: 'bps', angle: -90, position: 'insideLeft' }}
            />
            <ReferenceLine y={0} stroke="var(--c-ref)" />
            <Tooltip
              formatter={(v) => `${num(Number(v), 2)} bps`}
              labelFormatter={(v) => data.find((d) => d.x === v)?.label ?? ''}
            />
            <Legend />
            <Line
              dataKey="bid"
              name="bids"
              stroke={BID}
              connectNulls
              dot
              isAnimationActive={false}
            />
            <Line
              dataKey="ask"
              name="asks"
              stroke={ASK}
              strokeDasharray="8 4"
              connectNulls
              dot={{ r: 4 }}
              isAnimationActive={false}
            />
            <Line
              dataKey="all"
              name="both"
              stroke={ALL}
              strokeDasharray="2 3"
              connectNulls
              dot
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

/** Revenue = spread capture + inventory; net = revenue − fees, as floating bars. */
export function Waterfall({
  steps,
  currency,
}: {
  steps: Array<{ label: string; from: number; to: number; total?: boolean }>;
  currency: string;
}) {
  const data = steps.map((s) => ({
    label: s.label,
    range: [Math.min(s.from, s.to), Math.max(s.from, s.to)] as [number, number],
    delta: s.to - s.from,
    total: s.total ?? false,
  }));
  return (
    <ChartFrame
      title={`P&L decomposition (${currency})`}
      table={() => ({
        columns: ['Step', `From (${currency})`, `To (${currency})`, `Change (${currency})`],
        rows: steps.map((s) => [s.label, cell(s.from, 2), cell(s.to, 2), cell(s.to - s.from, 2)]),
      })}
    >
      <div className="chart-panel" style={{ height: 260 }} data-testid="waterfall">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--c-grid)" />
            <XAxis dataKey="label" />
            <YAxis tickFormatter={(v: number) => num(v, 2)} />
            <ReferenceLine y={0} stroke="var(--c-ref)" />
            <Tooltip
              formatter={(_v, _n, item) =>
                `${currency} ${num((item.payload as { delta: number }).delta, 2)}`
              }
            />
            <Bar dataKey="range" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.label} fill={d.total ? ALL : d.delta >= 0 ? POS : NEG} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

/** Bars of counts or shares by category; one or two series. */
export function Bars({
  rows,
  series,
  testId,
  yLabel,
  title,
}: {
  rows: Array<Record<string, string | number>>;
  series: Array<{ key: string; name: string; colour: string }>;
  testId: string;
  yLabel: string;
  /** The chart's name for its downloads and data table. */
  title: string;
}) {
  return (
    <ChartFrame
      title={title}
      table={() => ({
        columns: ['', ...series.map((s) => `${s.name} (${yLabel})`)],
        rows: rows.map((r) => [
          String(r.label ?? ''),
          ...series.map((s) => (typeof r[s.key] === 'number' ? cell(r[s.key] as number, 4) : '')),
        ]),
      })}
    >
      <div className="chart-panel" style={{ height: 260 }} data-testid={testId}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--c-grid)" />
            <XAxis dataKey="label" interval="preserveStartEnd" />
            <YAxis
              tickFormatter={(v: number) => num(v, 2)}
              label={{ value: yLabel, angle: -90, position: 'insideLeft' }}
            />
            <Tooltip formatter={(v) => num(Number(v), 3)} />
            {series.length > 1 && <Legend />}
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                fill={s.colour}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

/** Quoted spread (median, p90) and two-sided uptime per slice of the window. */
export function SpreadOverTime({
  rows,
  currency,
  title,
}: {
  rows: Array<{ t: number; median: number | null; p90: number | null; uptime: number }>;
  currency: string;
  title: string;
}) {
  const tz = useDisplayZone();
  const span = rows.length > 1 ? rows[rows.length - 1].t - rows[0].t : 0;
  const tick = (ms: number) => {
    const iso = new Date(wallTime(tz, ms)).toISOString();
    return span <= 2 * 86_400_000 ? iso.slice(11, 16) : iso.slice(5, 10);
  };
  return (
    <ChartFrame
      title={title}
      table={() => ({
        columns: [
          'Slice start',
          `Median spread (${currency})`,
          `p90 spread (${currency})`,
          'Uptime (%)',
        ],
        rows: rows.map((r) => [
          formatTime(r.t, { tz }),
          cell(r.median, 4),
          cell(r.p90, 4),
          cell(r.uptime * 100, 1),
        ]),
      })}
    >
      <div className="chart-panel" style={{ height: 280 }} data-testid="spread-over-time">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--c-grid)" />
            <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={tick} />
            <YAxis
              yAxisId="s"
              tickFormatter={(v: number) => num(v, 4)}
              label={{ value: currency, angle: -90, position: 'insideLeft' }}
            />
            <YAxis
              yAxisId="u"
              orientation="right"
              domain={[0, 1]}
              tickFormatter={(v: number) => `${Math.round(v * 100)} %`}
            />
            <Tooltip
              labelFormatter={(v) => formatTime(Number(v), { tz })}
              formatter={(v, n) =>
                n === 'uptime' ? `${num(Number(v) * 100, 1)} %` : num(Number(v), 4)
              }
            />
            <Legend />
            <Line
              yAxisId="s"
              dataKey="median"
              name="median spread"
              stroke={ALL}
              dot={{ r: 2 }}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              yAxisId="s"
              dataKey="p90"
              name="p90 spread"
              stroke={ASK}
              strokeDasharray="4 3"
              dot={{ r: 2 }}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              yAxisId="u"
              dataKey="uptime"
              name="uptime"
              stroke={BID}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
