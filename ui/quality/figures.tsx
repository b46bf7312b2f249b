import type { QualityView } from '@/lib/quality/load';
import { formatDuration, formatMoney, formatPercent } from './format';

function Figure(p: { label: string; value: string; sub?: string; testId: string; tone?: string }) {
  return (
    <div className="figure" data-testid={p.testId}>
      <div className="label">{p.label}</div>
      <div className={`value${p.tone ? ` ${p.tone}` : ''}`} title={p.value}>
        {p.value}
      </div>
      {p.sub && <div className="sub">{p.sub}</div>}
    </div>
  );
}

const tone = (v: string) =>
  /^-?0(\.0*)?$/.test(v) ? undefined : v.startsWith('-') ? 'neg' : 'pos';

/** Headline figures of the quality view: each defined in docs/quality.md. */
export function QualityFigures({ data }: { data: QualityView }) {
  const { priceCurrency: pc, volumeCurrency: vc } = data.strategy;
  const all = (h: string) => data.markouts.find((r) => r.horizon === h && r.side === 'ALL')!;
  const h0 = all('0s');
  const h1 = all('1h');
  const main = data.exchanges[0];
  const q = data.quoting;
  return (
    <section className="figures" aria-label="Quality figures">
      <Figure
        testId="q-spread"
        label="Spread captured (h = 0)"
        value={formatMoney(h0.money, pc, { sign: true })}
        tone={tone(h0.money)}
        sub={`${h0.fills} fills · ${formatMoney(h0.volume, vc)}`}
      />
      <Figure
        testId="q-markout-1h"
        label="Markout × volume at 1 h"
        value={formatMoney(h1.money, pc, { sign: true })}
        tone={tone(h1.money)}
        sub={`lost to adverse selection: ${formatMoney(h1.adverse, pc)} (${h1.fills} fills)`}
      />
      <Figure
        testId="q-uptime"
        label="Two-sided uptime"
        value={main ? formatPercent(main.uptime.uptime) : '–'}
        sub={main ? `on ${main.exchange}` : 'no exchange'}
      />
      <Figure
        testId="q-fill-ratio"
        label="Fill ratio (count)"
        value={formatPercent(q.fillRatioCount)}
        sub={`${q.placed} orders placed · by volume ${formatPercent(q.fillRatioVolume === null ? null : Number(q.fillRatioVolume))}`}
      />
      <Figure
        testId="q-half-life"
        label="Inventory half-life"
        value={formatDuration(data.inventory.halfLife.seconds)}
        sub={`mean |position| ${data.inventory.meanAbs === null ? '–' : formatMoney(data.inventory.meanAbs.toFixed(10), vc)}`}
      />
    </section>
  );
}
