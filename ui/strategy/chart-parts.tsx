import { formatCompact } from '@/ui/shared/format';

/** Pieces both strategy graphs share: colours, the UTC time axis and number labels. */
/** CSS custom properties (app/globals.css), so both themes have their own shade. */
export const BID_COLOUR = 'var(--c-bid)';
export const ASK_COLOUR = 'var(--c-ask)';

const HOUR = 3_600_000;
const STEPS = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
  2 * 24 * HOUR,
  7 * 24 * HOUR,
  14 * 24 * HOUR,
  30 * 24 * HOUR,
  91 * 24 * HOUR,
  365 * 24 * HOUR,
];

/** Round UTC ticks (whole minutes, hours or days), about 8 to 14 across the window. */
export function timeTicks(start: number, end: number): number[] {
  const span = Math.max(1, end - start);
  const step = STEPS.find((s) => span / s <= 14) ?? STEPS[STEPS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

const timeTick = (spanMs: number) => (ms: number) => {
  const iso = new Date(ms).toISOString();
  if (spanMs <= 2 * 86_400_000)
    return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
  return spanMs <= 400 * 86_400_000 ? iso.slice(5, 10) : iso.slice(0, 7);
};

/** Props of the window's time axis: UTC ticks, nothing drawn outside [start, end]. */
export function timeAxisProps(start: number, end: number) {
  return {
    type: 'number' as const,
    dataKey: 't',
    domain: [start, end],
    scale: 'time' as const,
    tickFormatter: timeTick(end - start),
    ticks: timeTicks(start, end),
    allowDataOverflow: true,
  };
}

/** Axis ticks and short labels (ui/shared/format.ts formatCompact). */
export const compact = formatCompact;
