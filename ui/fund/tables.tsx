import Link from 'next/link';
import {
  formatCount,
  formatMoney,
  formatQuantity,
  formatRate,
  formatTime,
} from '@/ui/shared/format';
import type { FundReport } from '@/lib/fund/domain/report-types';
import { sourceName } from '@/lib/fund/domain/rate-summary';
import { SortableTable } from '@/ui/shared/sortable-table';

const usd = (v: string | null, sign = false) =>
  v === null ? 'no rate' : formatMoney(v, 'USD', { sign });
const when = (iso: string | null, tz?: string) => (iso ? formatTime(iso, { tz }) : '—');
/** Rates are exact to 12 places; ten significant digits are plenty to read. */
const rate = (v: string | null) => (v === null ? 'none' : formatRate(v));

/** Realized revenue per strategy (actor × volume currency), with its fees and open position. */
export function FundStrategyTable({ data }: { data: FundReport }) {
  return (
    <section className="panel" aria-labelledby="fund-strategies-heading">
      <h2 id="fund-strategies-heading">Trading revenue by strategy</h2>
      {data.strategies.length === 0 ? (
        <p className="muted">No strategy traded or held a position in this window.</p>
      ) : (
        <SortableTable
          testId="fund-strategies"
          columns={[
            { label: 'Strategy' },
            { label: 'Fills', num: true },
            { label: 'Position start → end', num: true },
            { label: 'Realized revenue', num: true },
            { label: 'Fees paid', num: true },
            { label: <>Unrealized P&amp;L start → end</>, num: true },
          ]}
        >
          {data.strategies.map((s) => (
            <tr key={`${s.actor} ${s.volumeCurrency}`}>
              <td>
                {s.href ? <Link href={s.href}>{s.displayName}</Link> : s.displayName}{' '}
                <span className="badge">{s.volumeCurrency}</span>
                {s.displayName !== s.actor && s.actor !== '' && (
                  <div className="muted">{s.actor}</div>
                )}
              </td>
              <td className="num">{formatCount(s.fills)}</td>
              <td className="num">
                {formatQuantity(s.positionStart, s.volumeCurrency)} →{' '}
                {formatQuantity(s.positionEnd, s.volumeCurrency)}
              </td>
              <td className="num">{usd(s.revenue, true)}</td>
              <td className="num">{usd(s.fees)}</td>
              <td className="num">
                {usd(s.unrealizedStart, true)} → {usd(s.unrealizedEnd, true)}
              </td>
            </tr>
          ))}
        </SortableTable>
      )}
      {data.strategies.length > 0 && (
        <p className="muted" data-testid="fund-strategies-explained">
          Realized revenue is the profit of the round trips closed in the window: each sale is
          matched with the oldest purchase still open (first in, first out), and what is still open
          is valued in the unrealized P&amp;L. Fees paid are every fee of the window&rsquo;s fills,
          in USD at each day&rsquo;s rate; a strategy page&rsquo;s &ldquo;Fees (matched)&rdquo;
          counts only the fees of the fills matched into round trips, in the price currency, so it
          is smaller while a position is open.
        </p>
      )}
    </section>
  );
}

/** Balances by account, liabilities, and the rates that valued them. */
export function FundLedgerTables({ data, tz }: { data: FundReport; tz?: string }) {
  return (
    <>
      <section className="panel" aria-labelledby="fund-liabilities-heading">
        <h2 id="fund-liabilities-heading">Liabilities</h2>
        {data.liabilities.length === 0 ? (
          <p className="muted">No liability was active in this window.</p>
        ) : (
          <table className="data" data-testid="fund-liabilities">
            <thead>
              <tr>
                <th>Entity</th>
                <th>Type</th>
                <th className="num">Amount</th>
                <th>From</th>
                <th>Until</th>
                <th className="num">USD at start</th>
                <th className="num">USD at end</th>
              </tr>
            </thead>
            <tbody>
              {data.liabilities.map((l) => (
                <tr key={`${l.entity} ${l.from}`}>
                  <td>{l.entity}</td>
                  <td>{l.type}</td>
                  <td className="num">{formatMoney(l.amount, l.currency)}</td>
                  <td>
                    {when(l.from, tz)}
                    {l.takenInWindow && <span className="badge">in window</span>}
                  </td>
                  <td>
                    {l.until ? when(l.until, tz) : 'open'}
                    {l.repaidInWindow && <span className="badge">in window</span>}
                  </td>
                  <td className="num">{l.usdStart === null ? '—' : usd(l.usdStart)}</td>
                  <td className="num">{l.usdEnd === null ? '—' : usd(l.usdEnd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="fund-accounts-heading">
          <h2 id="fund-accounts-heading">Balances by account</h2>
          <SortableTable
            testId="fund-accounts"
            columns={[
              { label: 'Account' },
              { label: 'Start', num: true },
              { label: 'End', num: true },
              { label: 'USD at end', num: true },
            ]}
          >
            {data.accounts.map((a) => (
              <tr key={`${a.account} ${a.currency}`}>
                <td>{a.account === '' ? <em>In transit between our accounts</em> : a.account}</td>
                <td className="num">{formatMoney(a.start, a.currency)}</td>
                <td className="num">{formatMoney(a.end, a.currency)}</td>
                <td className="num">{usd(a.usdEnd)}</td>
              </tr>
            ))}
          </SortableTable>
        </section>
        <section className="panel" aria-labelledby="fund-rates-heading">
          <h2 id="fund-rates-heading">Rates used (USD per unit)</h2>
          <table className="data" data-testid="fund-rates">
            <thead>
              <tr>
                <th>Currency</th>
                <th>Valued by (days)</th>
                <th className="num">At start</th>
                <th className="num">At end</th>
                <th className="num">Revaluation</th>
              </tr>
            </thead>
            <tbody>
              {data.rates.map((r) => (
                <tr key={r.currency} data-currency={r.currency}>
                  <td>{r.currency}</td>
                  <td>
                    {Object.entries(r.days)
                      .filter(([, n]) => n > 0)
                      .map(
                        ([source, n]) =>
                          `${source === 'carried' ? 'carried from another day' : source === 'none' ? 'no rate' : sourceName(source)}: ${formatCount(n)}`,
                      )
                      .join(' · ')}
                  </td>
                  <td className="num" title={r.rateStart ?? undefined}>
                    {rate(r.rateStart)}
                  </td>
                  <td className="num" title={r.rateEnd ?? undefined}>
                    {rate(r.rateEnd)}
                  </td>
                  <td className="num">
                    {usd(data.revaluation.find((v) => v.currency === r.currency)?.usd ?? '0', true)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
