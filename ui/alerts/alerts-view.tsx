import Link from 'next/link';
import type { AlertsData, RuleView } from '@/lib/alerts/load';
import type { FormAction } from '@/ui/admin/action-form';
import { formatTime, zoneHeading } from '@/ui/shared/format';
import { StateBadge } from '@/ui/status/state-badge';
import { CreateRuleForm, EditRuleForms } from './rule-forms';

const SOURCE = { builtin: 'built-in', config: 'dashboard.conf', database: 'this page' } as const;

export interface RuleActions {
  create: FormAction;
  update: FormAction;
  toggle: FormAction;
  remove: FormAction;
}

function RuleRow({ r, actions }: { r: RuleView; actions: RuleActions | null }) {
  return (
    <tr data-testid={`rule-${r.name}`} data-source={r.source}>
      <td>
        <strong>{r.name}</strong>
        {!r.enabled && <div className="badge">disabled</div>}
      </td>
      <td>
        {r.kind}
        <div className="muted">{r.condition}</div>
      </td>
      <td>{r.subject}</td>
      <td className="num">
        {r.unit === 'none' ? '—' : `${r.threshold} ${r.unit === 'amount' ? '' : r.unit}`}
      </td>
      <td>{r.for}</td>
      <td>
        <StateBadge state={r.severity} />
      </td>
      <td>{r.channels || <span className="muted">none</span>}</td>
      <td>
        {SOURCE[r.source]}
        {actions && r.ruleId !== null && (
          <EditRuleForms
            rule={r}
            update={actions.update}
            toggle={actions.toggle}
            remove={actions.remove}
          />
        )}
      </td>
    </tr>
  );
}

/** /alerts: the alerts now, the rules in force (admins edit the stored ones), the kinds. */
export function AlertsView({
  data,
  actions,
  tz,
}: {
  data: AlertsData;
  actions: RuleActions | null;
  /** The display zone (lib/preferences): times in its wall clock. */
  tz?: string;
}) {
  return (
    <>
      {data.problems.map((p) => (
        <div key={p} className="alert" data-testid="rule-problem">
          {p}
        </div>
      ))}
      <h2>Alerts now</h2>
      <p className="muted" data-testid="evaluated-at">
        {data.evaluatedAt === null
          ? 'The rules have not been evaluated yet (every minute from server start).'
          : `Last evaluated ${formatTime(data.evaluatedAt, { tz })}.`}
      </p>
      {data.active.length === 0 ? (
        <p data-testid="no-alerts">
          <StateBadge state="ok" /> Nothing pending or firing at the last evaluation.
        </p>
      ) : (
        <table className="data" data-testid="active-alerts">
          <thead>
            <tr>
              <th>State</th>
              <th>Rule</th>
              <th>Subject</th>
              <th>Since ({zoneHeading(tz)})</th>
              <th>Measured</th>
            </tr>
          </thead>
          <tbody>
            {data.active.map((a) => (
              <tr key={`${a.rule} ${a.subject}`}>
                <td>
                  <StateBadge state={a.state} />
                </td>
                <td>
                  <Link href={`/alerts/history?rule=${encodeURIComponent(a.rule)}`}>{a.rule}</Link>
                </td>
                <td>{a.subject}</td>
                <td>{formatTime(a.since, { zone: false, tz })}</td>
                <td>{a.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Rules</h2>
      <table className="data" data-testid="rules">
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            <th>Subject</th>
            <th className="num">Threshold</th>
            <th>For</th>
            <th>Severity</th>
            <th>Channels</th>
            <th>Defined on</th>
          </tr>
        </thead>
        <tbody>
          {data.rules.map((r) => (
            <RuleRow key={`${r.source} ${r.name}`} r={r} actions={actions} />
          ))}
        </tbody>
      </table>
      {actions ? (
        <div className="panel" style={{ marginTop: 16 }}>
          <h3 style={{ marginTop: 0 }}>New rule</h3>
          <CreateRuleForm action={actions.create} />
          <p className="muted">
            A rule named like a built-in replaces it. Subject: a strategy key, an account name,
            fund, trading, rollup, a job or database name, or * for all. Units:{' '}
            {data.kinds.map((k) => `${k.kind} (${k.unit}, ${k.about})`).join('; ')}.
          </p>
        </div>
      ) : (
        <p className="muted" data-testid="read-only">
          Only administrators change alert rules.
        </p>
      )}
    </>
  );
}
