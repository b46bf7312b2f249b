import { formatAmount, formatMoney, isCryptoCurrency } from '@/lib/core/money/money';
import type { StrategyReport } from '@/lib/strategy/report';
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

const DEFINITIONS = (pc: string) => [
  `Daily P&L: the change over the UTC day of realized FIFO revenue + unrealized P&L of the open position at the day's close − every fee paid, in ${pc}; that is, of cash (Σ sell − Σ buy notionals) + position × close − fees. Exact decimals until drawn.`,
  "Close: the unit price of the pair's latest fill (any actor, any account) before the day's end; the open position is valued at it.",
  'Sharpe: mean daily P&L ÷ its sample standard deviation × √365, risk-free rate 0. A strategy has no capital of its own, so the ratio is of the daily P&L itself: the same number as for returns on any fixed capital. Crypto trades every day: a year is 365 days, not 252.',
  'Sortino: mean daily P&L ÷ downside deviation (√(Σ min(P&L, 0)² ÷ days), target 0) × √365. "—" when undefined (under two days, no spread, no losing day).',
  'Maximum drawdown: the largest fall of cumulative P&L from a running peak, with the peak, the trough and the recovery (back to the peak), in days at their close; duration from the peak to the recovery or to the window’s end.',
  'Win days: days with a gain ÷ days with a gain or a loss (days with no P&L at all are neither).',
  'Against holding: the position at the window’s start valued at the start and at the end close, its change being what holding it without trading would have made.',
];

export function StrategyReportView({ data }: { data: StrategyReport }) {
  const pc = data.strategy.priceCurrency;
  const vc = data.strategy.volumeCurrency;
  const money = (v: string) => formatMoney(v, pc, { sign: true });
  const p = data.pnl;
  const dd = p.maxDrawdown;
  const h = data.hold;
  const days = p.days.map((d) => ({
    day: d.day,
    daily: Number(d.pnl),
    cumulative: Number(d.cumulative),
    underwater: Number(d.underwater),
  }));
  const cells = p.months.map((m) => ({
    month: m.month,
    value: Number(m.value),
    days: m.days,
    text: formatAmount(m.value, isCryptoCurrency(pc) ? 4 : 0, { sign: true }),
  }));
  const magnitude = Math.max(0, ...cells.map((c) => Math.abs(c.value)));
  return (
    <>
      <FigureGrid>
        <Figure
          testId="rep-total"
          label="P&L over the window"
          value={money(p.total)}
          tone={signTone(p.total)}
          sub={`${data.days.count} UTC days${data.days.first ? `, ${data.days.first} to ${data.days.last}` : ''}`}
        />
        <Figure
          testId="rep-sharpe"
          label="Sharpe (annualised, 365 d)"
          value={ratio(p.sharpe)}
          sub="of the daily P&L"
        />
        <Figure
          testId="rep-sortino"
          label="Sortino (annualised, 365 d)"
          value={ratio(p.sortino)}
          sub="downside deviation, target 0"
        />
        <Figure
          testId="rep-drawdown"
          label="Maximum drawdown"
          value={dd ? formatMoney(`-${dd.depth}`, pc) : 'none'}
          tone={dd ? 'neg' : undefined}
          sub={dd ? drawdownWords(dd) : 'cumulative P&L never fell below a peak'}
        />
        <Figure
          testId="rep-win"
          label="Win days"
          value={percent(p.winDays.ratio, 1)}
          sub={`${p.winDays.wins} up · ${p.winDays.losses} down · ${p.winDays.flat} flat`}
        />
        <Figure
          testId="rep-best"
          label="Best day"
          value={p.best ? money(p.best.value) : '—'}
          tone={signTone(p.best?.value ?? null)}
          sub={p.best?.day}
        />
        <Figure
          testId="rep-worst"
          label="Worst day"
          value={p.worst ? money(p.worst.value) : '—'}
          tone={signTone(p.worst?.value ?? null)}
          sub={p.worst?.day}
        />
        <Figure
          testId="rep-hold"
          label="Against holding the start"
          value={h.excess === null ? '—' : money(h.excess)}
          tone={signTone(h.excess)}
          sub={
            h.pnl === null
              ? 'no close to value the starting position'
              : `holding ${formatMoney(h.positionStart, vc)} from ${formatMoney(h.priceStart ?? '0', pc)} to ${formatMoney(h.priceEnd ?? '0', pc)}: ${money(h.pnl)}`
          }
        />
      </FigureGrid>
      {days.length > 0 && (
        <ReportGraphs
          days={days}
          unit={{ kind: 'money', currency: pc }}
          dailyName="Daily P&L"
          cumulativeName="Cumulative P&L"
          title="Daily and cumulative P&L"
          underwaterWords={`Cumulative P&L below its running peak at each day's close, in ${pc}.`}
        />
      )}
      {cells.length > 0 && (
        <Heatmap cells={cells} magnitude={magnitude} shown={`P&L per month, in ${pc}`} />
      )}
      <Definitions items={DEFINITIONS(pc)} />
    </>
  );
}
