import { formatMoney } from '@/lib/core/money/money';
import type { FundPerformance } from '@/lib/fund/report';
import { ReportGraphs } from './graphs';
import {
  Definitions,
  drawdownWords,
  Figure,
  FigureGrid,
  Heatmap,
  percent,
  ratio,
  signTone,
} from './parts';

const DEFINITIONS = [
  "Net assets: every account except BURN, less the liabilities active at that moment, each currency at that day's USD rate: the fund page's figure, at every UTC day's close.",
  'Daily return (time-weighted, Modified Dietz): (net assets at the close − at the previous close − the day’s capital flows) ÷ (net assets at the previous close + each flow × the part of the day it was in the fund). Deposits and withdrawals are not gains or losses; liabilities are part of net assets.',
  'Index: the daily returns chained, 1 at the window’s start; the window’s return is its last value − 1.',
  'Sharpe: mean daily return ÷ its sample standard deviation × √365, risk-free rate 0. Crypto trades every day: a year is 365 days, not 252.',
  'Sortino: mean daily return ÷ downside deviation (√(Σ min(r, 0)² ÷ days), target 0) × √365. "—" when undefined (under two days, no spread, no losing day).',
  'Maximum drawdown: the largest fall of the index from a running peak, as a fraction of the peak, with the peak, the trough and the recovery days (at their close); duration from the peak to the recovery or the window’s end.',
  'Win days: days with a positive return ÷ days with a positive or negative one. Monthly heatmap: the month’s daily returns compounded.',
];

export function FundReportView({ data }: { data: FundPerformance }) {
  const r = data.returns;
  const f = data.figures;
  const dd = r.maxDrawdown;
  const usd = (v: string, sign = false) => formatMoney(v, 'USD', { sign });
  const days = r.days.map((d) => ({
    day: d.day,
    daily: d.r,
    cumulative: d.index - 1,
    underwater: d.underwater,
  }));
  const cells = r.months.map((m) => ({
    month: m.month,
    value: m.value,
    days: m.days,
    text: percent(m.value, 1),
  }));
  const magnitude = Math.max(0, ...cells.map((c) => Math.abs(c.value)));
  return (
    <>
      <FigureGrid>
        <Figure
          testId="rep-total"
          label="Time-weighted return"
          value={percent(r.total)}
          tone={signTone(r.total)}
          sub={`${data.days.count} UTC days${data.days.first ? `, ${data.days.first} to ${data.days.last}` : ''}`}
        />
        <Figure
          testId="rep-gain"
          label="Gain (USD)"
          value={usd(f.gain, true)}
          tone={signTone(f.gain)}
          sub={`net assets ${usd(f.netAssetsStart)} → ${usd(f.netAssetsEnd)}; capital flows ${usd(f.flows, true)}`}
        />
        <Figure
          testId="rep-sharpe"
          label="Sharpe (annualised, 365 d)"
          value={ratio(r.sharpe)}
          sub="of the daily returns"
        />
        <Figure
          testId="rep-sortino"
          label="Sortino (annualised, 365 d)"
          value={ratio(r.sortino)}
          sub="downside deviation, target 0"
        />
        <Figure
          testId="rep-drawdown"
          label="Maximum drawdown"
          value={dd ? percent(-dd.depth) : 'none'}
          tone={dd ? 'neg' : undefined}
          sub={dd ? drawdownWords(dd) : 'the index never fell below a peak'}
        />
        <Figure
          testId="rep-win"
          label="Win days"
          value={percent(r.winDays.ratio, 1)}
          sub={`${r.winDays.wins} up · ${r.winDays.losses} down · ${r.winDays.flat} flat`}
        />
        <Figure
          testId="rep-best"
          label="Best day"
          value={r.best ? percent(r.best.value) : '—'}
          tone={signTone(r.best?.value ?? null)}
          sub={r.best?.day}
        />
        <Figure
          testId="rep-worst"
          label="Worst day"
          value={r.worst ? percent(r.worst.value) : '—'}
          tone={signTone(r.worst?.value ?? null)}
          sub={r.worst?.day}
        />
      </FigureGrid>
      {days.length > 0 && (
        <ReportGraphs
          days={days}
          unit={{ kind: 'percent' }}
          dailyName="Daily return"
          cumulativeName="Cumulative return"
          title="Daily and cumulative time-weighted return"
          underwaterWords="The index below its running peak at each day's close, as a fraction of the peak."
        />
      )}
      {cells.length > 0 && (
        <Heatmap
          cells={cells}
          magnitude={magnitude}
          shown="Time-weighted return per month, the month's daily returns compounded"
        />
      )}
      <Definitions items={DEFINITIONS} />
    </>
  );
}
