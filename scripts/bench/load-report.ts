import type { FloodSample, Sample } from './load-traffic';

/** Nearest-rank percentile of sorted milliseconds. */
function pct(sorted: number[], q: number): number {
  return sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const ms = (x: number) => (Number.isNaN(x) ? '-' : `${Math.round(x).toLocaleString('en-US')} ms`);
const rate = (n: number, seconds: number) => (n / seconds).toFixed(1);

/** A session request that failed: a 5xx (503 included), any other non-200, a network error, or an error shown in a 200 page. */
export function isError(s: Sample): boolean {
  return s.status !== 200 || s.problem !== undefined;
}

function row(label: string, samples: Sample[], seconds: number): string {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter(isError).length;
  return `| ${label} | ${samples.length.toLocaleString('en-US')} | ${rate(samples.length, seconds)} | ${ms(pct(sorted, 0.5))} | ${ms(pct(sorted, 0.95))} | ${ms(pct(sorted, 0.99))} | ${ms(sorted[sorted.length - 1])} | ${errors} |`;
}

/** The phase's table (markdown, pasted as is into docs/benchmarks.md) and its errors. */
export function sessionReport(samples: Sample[], seconds: number): string[] {
  const out = [
    '| requests | n | req/s | p50 | p95 | p99 | max | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('**all**', samples, seconds),
  ];
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = `${s.target.kind} ${s.target.area}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const kind of ['page', 'api', 'csv'])
    for (const area of ['home', 'fund', 'strategy', 'ledger']) {
      const g = groups.get(`${kind} ${area}`);
      if (g) out.push(row(`${kind} ${area}`, g, seconds));
    }
  const failed = samples.filter(isError);
  out.push('');
  if (failed.length === 0) {
    out.push('errors: 0');
    return out;
  }
  out.push(`errors: ${failed.length} (of ${samples.length})`);
  const byStatus = countBy(
    failed,
    (s) => (s.status === 0 ? 'network' : String(s.status)) + (s.problem ? ` ${s.problem}` : ''),
  );
  for (const [what, n] of byStatus) out.push(`  ${n} × ${what}`);
  out.push('failing routes (first 30):');
  const byRoute = countBy(
    failed,
    (s) => `${s.status || 'network'} ${s.target.path.split('?')[0]} (${s.target.window})`,
  );
  for (const [what, n] of [...byRoute].slice(0, 30)) out.push(`  ${n} × ${what}`);
  return out;
}

/** The flood's own figures: its rate, the login attempts' latency and every answer it got. */
export function floodReport(samples: FloodSample[], seconds: number, clients: number): string[] {
  const logins = samples.filter((s) => s.step === 'login');
  const sorted = logins.map((s) => s.ms).sort((a, b) => a - b);
  const out = [
    `flood: ${clients} anonymous clients, ${samples.length.toLocaleString('en-US')} requests (${rate(samples.length, seconds)}/s), ` +
      `${logins.length.toLocaleString('en-US')} login attempts (${rate(logins.length, seconds)}/s); ` +
      `attempt p50 ${ms(pct(sorted, 0.5))}, p95 ${ms(pct(sorted, 0.95))}, max ${ms(sorted[sorted.length - 1])}`,
  ];
  const answers = countBy(
    samples,
    (s) => `${s.step} ${s.status || 'network'}${s.answer ? `: ${s.answer}` : ''}`,
  );
  for (const [what, n] of [...answers].sort()) out.push(`  ${n.toLocaleString('en-US')} × ${what}`);
  const failed = samples.filter((s) => s.status === 0 || s.status >= 500).length;
  out.push(`  flood errors (5xx or network): ${failed}`);
  return out;
}

function countBy<T>(xs: T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return new Map([...m].sort((a, b) => b[1] - a[1]));
}
