import type { Fixed } from '../../core/money/fixed';
import { exact, fx, mul } from './math';
import type { Holdings } from './holdings';
import type { LiabilityTimeline } from './liabilities';
import type { FundAccountRow, FundLiabilityRow, FundStrategyRow } from './report-types';
import type { StrategyKey } from './types';
import type { RateAt, StrategyValuation } from './valuation';

/** The report's tables, from the valued computation. */
export function describeStrategies(
  strategies: readonly StrategyValuation[],
  describe: (key: StrategyKey) => { displayName: string; href: string | null },
): FundStrategyRow[] {
  return strategies
    .filter((s) => s.positions.fills > 0 || s.positions.opening !== 0n || s.revenue !== 0n)
    .map((s) => {
      const p = s.positions;
      return {
        actor: p.key.actor,
        ...describe(p.key),
        volumeCurrency: p.key.volumeCurrency,
        fills: p.fills,
        bidVolume: exact(p.bidVolume),
        askVolume: exact(p.askVolume),
        positionStart: exact(p.opening),
        positionEnd: exact(p.closing),
        revenue: exact(s.revenue),
        fees: exact(s.fees),
        unrealizedStart: exact(s.unrealizedStart),
        unrealizedEnd: exact(s.unrealizedEnd),
        unexplainedStart: exact(s.lots.atStart.unexplained),
        unexplainedEnd: exact(s.lots.atEnd.unexplained),
      };
    })
    .sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName) ||
        a.volumeCurrency.localeCompare(b.volumeCurrency),
    );
}

export function describeLiabilities(
  l: LiabilityTimeline,
  rateAt: RateAt,
  n: number,
): FundLiabilityRow[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  return l.rows.map((r) => ({
    entity: r.entity,
    type: r.type,
    amount: r.amount,
    currency: r.currency,
    from: iso(r.started),
    until: r.repaid === null ? null : iso(r.repaid),
    usdStart: r.activeAtStart ? exact(mul(fx(r.amount), rateAt(r.currency, 0))) : null,
    usdEnd: r.activeAtEnd ? exact(mul(fx(r.amount), rateAt(r.currency, n))) : null,
    takenInWindow: r.startedInWindow,
    repaidInWindow: r.repaidInWindow,
  }));
}

/** Balances per account and currency at both ends; '' is money in transit between our accounts. */
/** USD values are null where the currency has no rate at all (left out, not valued at 0). */
export function describeAccounts(
  h: Holdings,
  rateAt: RateAt,
  n: number,
  hasRate: (cur: string, k: number) => boolean,
): FundAccountRow[] {
  const rows: FundAccountRow[] = [];
  const names = [...new Set([...h.startByAccount.keys(), ...h.endByAccount.keys()])];
  for (const account of names) {
    const start = h.startByAccount.get(account) ?? new Map<string, Fixed>();
    const end = h.endByAccount.get(account) ?? new Map<string, Fixed>();
    for (const cur of new Set([...start.keys(), ...end.keys()])) {
      const s = start.get(cur) ?? 0n;
      const e = end.get(cur) ?? 0n;
      if (s === 0n && e === 0n) continue;
      rows.push({
        account,
        currency: cur,
        start: exact(s),
        end: exact(e),
        usdStart: hasRate(cur, 0) ? exact(mul(s, rateAt(cur, 0))) : null,
        usdEnd: hasRate(cur, n) ? exact(mul(e, rateAt(cur, n))) : null,
      });
    }
  }
  // Real accounts by name, the in-transit line last.
  return rows.sort((a, b) =>
    (a.account === '') !== (b.account === '')
      ? a.account === ''
        ? 1
        : -1
      : a.account.localeCompare(b.account) || a.currency.localeCompare(b.currency),
  );
}
