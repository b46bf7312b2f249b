import { formatMoney } from '@/ui/shared/format';
import type { FundReport } from '@/lib/fund/domain/report-types';

const usd = (v: string, sign = false) => formatMoney(v, 'USD', { sign });
const tone = (v: string) =>
  /^-?0(\.0*)?$/.test(v) ? undefined : v.startsWith('-') ? 'neg' : 'pos';

function Figure({
  label,
  value,
  sub,
  valueTone,
  testId,
}: {
  label: string;
  value: string;
  sub?: string;
  valueTone?: 'pos' | 'neg';
  testId: string;
}) {
  return (
    <div className="figure" data-testid={testId}>
      <div className="label">{label}</div>
      <div className={`value${valueTone ? ` ${valueTone}` : ''}`} title={value}>
        {value}
      </div>
      {sub && <div className="sub">{sub}</div>}
    </div>
  );
}

/** The headline: net assets at both ends, the change, and how much of it the parts do not explain. */
export function FundFigures({ data }: { data: FundReport }) {
  const f = data.figures;
  const running = data.window.valuedUntil !== data.window.end;
  const discrepancyZero = tone(f.discrepancy) === undefined;
  const part = (k: string) => data.parts.find((x) => x.key === k)?.usd ?? '0';
  return (
    <section className="figures five" aria-label="Figures">
      <Figure
        testId="fig-profit"
        label="Profit for the period"
        value={usd(f.profit, true)}
        valueTone={tone(f.profit)}
        sub={`revenue ${usd(part('tradingRevenue'))} − fees and costs ${usd(f.costs)} · with open positions and revaluation ${usd(f.result, true)}`}
      />
      <Figure
        testId="fig-net-start"
        label="Net assets at start"
        value={usd(f.netAssetsStart)}
        sub={`assets ${usd(f.assetsStart)} · liabilities ${usd(f.liabilitiesStart)}`}
      />
      <Figure
        testId="fig-net-end"
        label={running ? 'Net assets now' : 'Net assets at end'}
        value={usd(f.netAssetsEnd)}
        sub={`assets ${usd(f.assetsEnd)} · liabilities ${usd(f.liabilitiesEnd)}`}
      />
      <Figure
        testId="fig-change"
        label="Change"
        value={usd(f.change, true)}
        valueTone={tone(f.change)}
        sub={`sum of the parts ${usd(f.sumOfParts, true)}`}
      />
      <Figure
        testId="fig-discrepancy"
        label="Discrepancy"
        value={usd(f.discrepancy, true)}
        valueTone={discrepancyZero ? undefined : 'neg'}
        sub={discrepancyZero ? 'the parts add up exactly' : 'change the parts do not explain'}
      />
    </section>
  );
}
