import { formatCount, formatMoneyShown, formatPrice, formatQuantity } from '@/ui/shared/format';
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
        value={formatQuantity(f.openingPosition, vc)}
      />
      <Figure
        testId="fig-position-end"
        label={windowEndsInPast ? 'Position at end' : 'Position now'}
        value={formatQuantity(f.closingPosition, vc)}
      />
      <Figure
        testId="fig-volume"
        label="Volume"
        value={formatQuantity(f.totalVolume, vc)}
        sub={`bought ${formatQuantity(f.bidVolume, vc)} · sold ${formatQuantity(f.askVolume, vc)}`}
      />
      <Figure
        testId="fig-revenue"
        label="Realized revenue"
        value={formatMoneyShown(f.revenue, pc, { sign: true })}
        tone={tone(f.revenue)}
        sub={`matched ${formatQuantity(f.matchedVolume, vc)}`}
      />
      <Figure
        testId="fig-fees"
        label="Fees (matched)"
        value={formatMoneyShown(f.fees, pc)}
        sub={[
          "of the fills matched into round trips (FIFO); the fund counts every fill's fee",
          f.volumeCurrencyFees !== '0'
            ? `incl. ${formatQuantity(f.volumeCurrencyFees, vc)} paid in ${vc}`
            : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      <Figure
        testId="fig-profit"
        label="Realized profit"
        value={formatMoneyShown(f.profit, pc, { sign: true })}
        tone={tone(f.profit)}
        sub="revenue − fees"
      />
      <Figure
        testId="fig-unrealized"
        label="Unrealized P&L"
        value={
          f.unrealizedPnl === null
            ? 'not valued'
            : formatMoneyShown(f.unrealizedPnl, pc, { sign: true })
        }
        tone={tone(f.unrealizedPnl)}
        sub={
          f.markPrice
            ? `open ${formatQuantity(f.openPosition, vc)} at ${formatPrice(f.markPrice, pc)} ${MARK_SOURCE[f.markSource ?? 'fill']}`
            : `open ${formatQuantity(f.openPosition, vc)}`
        }
      />
      <Figure
        testId="fig-fills"
        label="Fills"
        value={formatCount(f.fillCount)}
        sub={
          data.trades.bands
            ? `drawn as ${formatCount(data.trades.bands.t.length)} buckets of ${bandWords(data.trades.bands.size * 1000)}`
            : data.trades.merged
              ? `drawn as ${formatCount(data.trades.discs.t.length)} merged half-discs`
              : undefined
        }
      />
    </section>
  );
}
