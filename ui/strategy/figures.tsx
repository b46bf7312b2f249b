import { formatMoney } from '@/lib/core/money/money';
import { bandWords } from '@/lib/strategy/domain/bands';
import type { StrategyDashboard } from '@/lib/strategy/dashboard';

function Figure({
  label,
  value,
  sub,
  tone,
  testId,
}: {
  label: string;
  value: string;
  sub?: string;
  tone?: 'pos' | 'neg';
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

/** Where the mark comes from, in words (lib/strategy/domain/mark-price.ts); the notes say why. */
const MARK_SOURCE: Record<NonNullable<StrategyDashboard['figures']['markSource']>, string> = {
  fundamental: '(fundamental value)',
  fill: '(latest fill; no plausible fundamental value)',
};

const tone = (v: string | null) =>
  v === null || /^-?0(\.0*)?$/.test(v) ? undefined : v.startsWith('-') ? 'neg' : 'pos';

/** The header figures: always computed over every fill of the window, never over the drawn sample. */
export function StrategyFigures({
  data,
  windowEndsInPast,
}: {
  data: StrategyDashboard;
  windowEndsInPast: boolean;
}) {
  const f = data.figures;
  const { priceCurrency: pc, volumeCurrency: vc } = data.strategy;
  return (
    <section className="figures" aria-label="Figures">
      <Figure
        testId="fig-position-start"
        label="Position at start"
        value={formatMoney(f.openingPosition, vc)}
      />
      <Figure
        testId="fig-position-end"
        label={windowEndsInPast ? 'Position at end' : 'Position now'}
        value={formatMoney(f.closingPosition, vc)}
      />
      <Figure
        testId="fig-volume"
        label="Volume"
        value={formatMoney(f.totalVolume, vc)}
        sub={`bought ${formatMoney(f.bidVolume, vc)} · sold ${formatMoney(f.askVolume, vc)}`}
      />
      <Figure
        testId="fig-revenue"
        label="Realized revenue"
        value={formatMoney(f.revenue, pc, { sign: true })}
        tone={tone(f.revenue)}
        sub={`matched ${formatMoney(f.matchedVolume, vc)}`}
      />
      <Figure
        testId="fig-fees"
        label="Fees (matched)"
        value={formatMoney(f.fees, pc)}
        sub={[
          "of the fills matched into round trips (FIFO); the fund counts every fill's fee",
          f.volumeCurrencyFees !== '0'
            ? `incl. ${formatMoney(f.volumeCurrencyFees, vc)} paid in ${vc}`
            : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      <Figure
        testId="fig-profit"
        label="Realized profit"
        value={formatMoney(f.profit, pc, { sign: true })}
        tone={tone(f.profit)}
        sub="revenue − fees"
      />
      <Figure
        testId="fig-unrealized"
        label="Unrealized P&L"
        value={
          f.unrealizedPnl === null ? 'not valued' : formatMoney(f.unrealizedPnl, pc, { sign: true })
        }
        tone={tone(f.unrealizedPnl)}
        sub={
          f.markPrice
            ? `open ${formatMoney(f.openPosition, vc)} at ${formatMoney(f.markPrice, pc)} ${MARK_SOURCE[f.markSource ?? 'fill']}`
            : `open ${formatMoney(f.openPosition, vc)}`
        }
      />
      <Figure
        testId="fig-fills"
        label="Fills"
        value={f.fillCount.toLocaleString('en-US')}
        sub={
          data.trades.bands
            ? `drawn as ${data.trades.bands.t.length} buckets of ${bandWords(data.trades.bands.size * 1000)}`
            : data.trades.merged
              ? `drawn as ${data.trades.discs.t.length} merged half-discs`
              : undefined
        }
      />
    </section>
  );
}
