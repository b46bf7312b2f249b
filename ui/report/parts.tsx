import styles from './report.module.css';

export type Tone = 'pos' | 'neg' | undefined;

export function Figure({
  label,
  value,
  sub,
  tone,
  testId,
}: {
  label: string;
  value: string;
  sub?: string;
  tone?: Tone;
  testId: string;
}) {
  return (
    <div className="figure" data-testid={testId}>
      <div className="label">{label}</div>
      <div className={`value${tone ? ` ${tone}` : ''}`} title={value}>
        {value}
      </div>
      {sub && <div className="sub">{sub}</div>}
    </div>
  );
}

export function FigureGrid({ children }: { children: React.ReactNode }) {
  return (
    <section className={styles.figures} aria-label="Figures">
      {children}
    </section>
  );
}

/** A ratio to two decimals; null (fewer than two days, or no spread) is "—", never Infinity. */
export const ratio = (v: number | null): string =>
  v === null || !Number.isFinite(v)
    ? '—'
    : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const percent = (v: number | null, digits = 2): string =>
  v === null || !Number.isFinite(v)
    ? '—'
    : `${(v * 100).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`;

export const signTone = (v: number | string | null): Tone => {
  if (v === null) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return n > 0 ? 'pos' : n < 0 ? 'neg' : undefined;
};

/** "12 days, from the close of 2026-03-01 (peak) …" */
export function drawdownWords(d: {
  peakDay: string | null;
  troughDay: string;
  recoveryDay: string | null;
  durationDays: number;
  daysToTrough: number;
}): string {
  const peak = d.peakDay === null ? 'the window’s start' : d.peakDay;
  const end = d.recoveryDay === null ? 'not recovered' : `recovered ${d.recoveryDay}`;
  return `peak ${peak} · trough ${d.troughDay} (${d.daysToTrough} d) · ${end} · ${d.durationDays} days`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Months × years: each cell one month's figure, coloured by sign, its strength by size
 * against the largest month shown (a CSS grid of a table, no chart library).
 */
export function Heatmap({
  cells,
  shown,
  magnitude,
}: {
  cells: Array<{ month: string; value: number; text: string; days: number }>;
  shown: string;
  magnitude: number;
}) {
  const years = [...new Set(cells.map((c) => Number(c.month.slice(0, 4))))].sort((a, b) => a - b);
  const byMonth = new Map(cells.map((c) => [c.month, c]));
  return (
    <section className="panel" aria-label="Monthly heatmap">
      <h2>Monthly heatmap</h2>
      <p className="muted" style={{ margin: '0 0 8px' }}>
        {shown} (UTC months; a month only partly in the window shows its days in the window).
      </p>
      <table className={styles.heatmap} data-testid="report-heatmap">
        <thead>
          <tr>
            <th className={styles.year}>Year</th>
            {MONTHS.map((m) => (
              <th key={m}>{m}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y}>
              <th className={styles.year}>{y}</th>
              {MONTHS.map((m, i) => {
                const c = byMonth.get(`${y}-${String(i + 1).padStart(2, '0')}`);
                if (!c) return <td key={m} className={`${styles.cell} ${styles.empty}`} />;
                const strength = magnitude > 0 ? Math.min(1, Math.abs(c.value) / magnitude) : 0;
                const rgb = c.value < 0 ? '192, 57, 43' : '30, 123, 67';
                return (
                  <td
                    key={m}
                    className={styles.cell}
                    data-month={c.month}
                    title={`${c.month}: ${c.text} over ${c.days} days`}
                    style={{
                      // at most 45 %: the text (--ink) keeps 4.5:1 in both themes
                      background: `rgba(${rgb}, ${0.08 + 0.37 * strength})`,
                    }}
                  >
                    {c.text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function Definitions({ items }: { items: string[] }) {
  return (
    <section className="panel" aria-label="Definitions">
      <h2>How these are computed</h2>
      <ul className={styles.definitions}>
        {items.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </section>
  );
}
