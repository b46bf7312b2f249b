import Link from 'next/link';
import type { LineView, StatusView } from '@/lib/status/load';
import type { AccountStatus, BalanceLine, StrategyStatus } from '@/lib/status/domain/snapshot';
import {
  formatCount,
  formatDecimal,
  formatDuration,
  formatMoney,
  formatTime,
} from '@/ui/shared/format';
import { ledgerPath } from '@/ui/ledger/links';
import { STORED_MAX_AGE_MS } from '@/lib/status/stored';
import { JobTable } from './job-table';
import { StateBadge } from './state-badge';

/**
 * /status: a summary, then one line per system part, exchange account and strategy with its
 * state (badge: colour, icon and word), the rule that decided it and what was measured.
 */
const ago = (now: number, t: number | null) =>
  t === null ? 'never' : `${formatDuration(Math.max(0, now - t))} ago`;

function Decision({ line }: { line: LineView | undefined }) {
  if (!line?.rule) return <span className="muted">no rule applies</span>;
  return (
    <span>
      <strong>{line.rule.name}</strong>
      <span className="muted"> ({line.rule.condition})</span>
      <br />
      {line.measured}
    </span>
  );
}

function Balances({ lines }: { lines: BalanceLine[] }) {
  const off = lines.filter((b) => b.difference !== null && b.difference !== '0');
  if (lines.length === 0) return <span className="muted">none</span>;
  if (off.length === 0) return <span>matches the ledger</span>;
  return (
    <span>
      {off.map((b) => (
        <div key={b.currency}>
          {formatMoney(b.difference as string, b.currency, { sign: true })}
        </div>
      ))}
    </span>
  );
}

function AccountRow({ a, now, line }: { a: AccountStatus; now: number; line?: LineView }) {
  return (
    <tr data-testid={`account-${a.name}`} data-state={line?.state ?? 'ok'}>
      <td>
        <StateBadge state={line?.state ?? 'ok'} />
      </td>
      <td>
        <Link href={ledgerPath(a.name)}>{a.name}</Link>
        {a.error && <div className="error-text">could not be read: {a.error}</div>}
      </td>
      <td>
        {a.audit ? (
          <>
            {ago(now, a.audit.time)}
            <Balances lines={a.audit.balances} />
          </>
        ) : (
          <span className="muted">never audited</span>
        )}
      </td>
      <td>
        <Balances lines={a.cached.balances} />
      </td>
      <td>
        {a.inTransit.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          a.inTransit.map((t) => (
            <div key={t.transactionId}>
              {t.type === 'DEPOSIT' ? 'deposit' : 'withdrawal'} {formatMoney(t.amount, t.currency)},{' '}
              {formatDuration(Math.max(0, now - t.created))}
            </div>
          ))
        )}
      </td>
      <td>{ago(now, a.lastFill)}</td>
      <td>
        <Decision line={line} />
      </td>
    </tr>
  );
}

function StrategyRow({ s, now, line }: { s: StrategyStatus; now: number; line?: LineView }) {
  const cur = s.volumeCurrency ?? '';
  return (
    <tr data-testid={`strategy-${s.key}`} data-state={line?.state ?? 'ok'}>
      <td>
        <StateBadge state={line?.state ?? 'ok'} />
      </td>
      <td>
        <Link href={`/strategy/${encodeURIComponent(s.key)}`}>{s.displayName}</Link>
        {s.error && <div className="error-text">could not be read: {s.error}</div>}
      </td>
      <td>{ago(now, s.lastFill)}</td>
      <td>{ago(now, s.lastOrder)}</td>
      <td>
        {s.position === null ? <span className="muted">—</span> : formatMoney(s.position, cur)}
        <div className="muted">
          {s.range
            ? `range ${formatMoney(s.range.min, cur)} to ${formatMoney(s.range.max, cur)}`
            : 'no range'}
        </div>
      </td>
      <td className="num">
        {s.today && s.priceCurrency ? (
          <>
            {formatMoney(s.today.pnl, s.priceCurrency, { sign: true })}
            <div className="muted">fees {formatMoney(s.today.fees, s.priceCurrency)}</div>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="num">
        {formatCount(s.fillsLastHour)}
        <div className="muted">usual {formatDecimal(s.usualPerHour, 0, 1)}/h</div>
      </td>
      <td>
        <Decision line={line} />
      </td>
    </tr>
  );
}

const SYSTEM_LABEL = (subject: string) =>
  subject === 'trading'
    ? 'Trading database: newest row'
    : subject === 'rollup'
      ? 'Rollup'
      : subject === 'fund'
        ? "Fund: today's realized P&L"
        : subject.replace(/^job:/, 'Background job: ').replace(/^database:/, 'Database: ');

export function StatusBoard({
  view,
  tz,
}: {
  view: StatusView;
  /** The display zone (lib/preferences): times in its wall clock. */
  tz?: string;
}) {
  const { snapshot: s, lines, summary } = view;
  const system = Object.values(lines).filter((l) => !/^(account|strategy|job):/.test(l.subject));
  const src = view.source;
  const now = s.liveAt ?? s.now;
  return (
    <>
      <div className="panel" data-testid="status-summary" role="status">
        <strong style={{ fontSize: 18 }}>
          {summary.failing} failing, {summary.warning} warning
        </strong>{' '}
        <span className="muted">
          ({summary.ok} ok; {view.rules} rules in force;{' '}
          {s.trading.newestFill !== null
            ? `newest fill ${formatDuration(Math.max(0, s.now - s.trading.newestFill))} old`
            : 'no fills'}
          {s.rollup ? `; rollup ${formatCount(s.rollup.behindFills)} fills behind` : ''})
        </span>
        <div className="muted" data-testid="status-as-of" data-source={src.kind}>
          {src.kind === 'stored' ? (
            <>
              As of {formatTime(src.measuredAt, { tz })} (
              {formatDuration(Math.max(0, now - src.measuredAt))} ago), measured by the alert
              evaluation
              {src.server ? ` on ${src.server}` : ''} in {formatDuration(src.buildMs)}; jobs and
              databases as of now. The evaluation measures again every minute.
            </>
          ) : (
            <>
              As of {formatTime(src.measuredAt, { tz })}, measured for this page in{' '}
              {formatDuration(src.buildMs)} (no evaluation stored in the last{' '}
              {formatDuration(STORED_MAX_AGE_MS)}).
            </>
          )}
        </div>
      </div>
      {view.problems.map((p) => (
        <div key={p} className="alert">
          {p}
        </div>
      ))}
      <h2>System</h2>
      <table className="data" data-testid="status-system">
        <thead>
          <tr>
            <th>State</th>
            <th>What</th>
            <th>Rule and measured value</th>
          </tr>
        </thead>
        <tbody>
          {system.map((l) => (
            <tr key={l.subject} data-testid={`line-${l.subject}`} data-state={l.state}>
              <td>
                <StateBadge state={l.state} />
              </td>
              <td>{SYSTEM_LABEL(l.subject)}</td>
              <td>
                <Decision line={l} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <JobTable snapshot={s} lines={lines} tz={tz} />
      <h2>Exchange accounts</h2>
      <table className="data" data-testid="status-accounts">
        <thead>
          <tr>
            <th>State</th>
            <th>Account</th>
            <th>Latest AUDIT − ledger</th>
            <th>Cached balance − ledger</th>
            <th>In transit</th>
            <th>Last fill</th>
            <th>Rule and measured value</th>
          </tr>
        </thead>
        <tbody>
          {s.accounts.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                No exchange accounts (or the trading database is unreachable: see System).
              </td>
            </tr>
          )}
          {s.accounts.map((a) => (
            <AccountRow key={a.name} a={a} now={s.now} line={lines[`account:${a.name}`]} />
          ))}
        </tbody>
      </table>
      <h2>Strategies</h2>
      <table className="data" data-testid="status-strategies">
        <thead>
          <tr>
            <th>State</th>
            <th>Strategy</th>
            <th>Last fill</th>
            <th>Last order</th>
            <th>Position</th>
            <th className="num">Today (UTC) realized</th>
            <th className="num">Fills last hour</th>
            <th>Rule and measured value</th>
          </tr>
        </thead>
        <tbody>
          {s.strategies.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No strategies have traded.
              </td>
            </tr>
          )}
          {s.strategies.map((x) => (
            <StrategyRow key={x.key} s={x} now={s.now} line={lines[`strategy:${x.key}`]} />
          ))}
        </tbody>
      </table>
    </>
  );
}
