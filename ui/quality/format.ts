import { formatAmount, formatMoney } from '@/lib/core/money/money';
import type { MeanCi } from '@/lib/quality/domain/stats';

/** Statistics (floats) for people: fixed decimals through the shared formatter. */
export function formatStat(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return formatAmount(value.toFixed(12), decimals);
}

export function formatPercent(share: number | null | undefined, decimals = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return `${formatAmount((share * 100).toFixed(12), decimals)} %`;
}

/** "1.25 ± 0.49", or "1.25" when no interval can be estimated. */
export function formatMeanCi(m: MeanCi | null, decimals: number): string {
  if (m === null) return '–';
  const mean = formatAmount(m.mean.toFixed(12), decimals, { sign: true });
  return m.ci === null ? mean : `${mean} ± ${formatAmount(m.ci.toFixed(12), decimals)}`;
}

/** Seconds as "45 s", "12.5 min", "3.2 h", "2.1 d". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${formatAmount(seconds.toFixed(6), seconds < 10 ? 1 : 0)} s`;
  if (seconds < 3600) return `${formatAmount((seconds / 60).toFixed(6), 1)} min`;
  if (seconds < 86400) return `${formatAmount((seconds / 3600).toFixed(6), 1)} h`;
  return `${formatAmount((seconds / 86400).toFixed(6), 1)} d`;
}

export { formatMoney };
