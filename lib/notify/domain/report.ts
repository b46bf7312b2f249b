import { formatMoney } from '../../core/money/money';
import { formatUtcDateTime } from '../../core/time/calendar';
import { periodLabel } from './period';

/**
 * The period report (issue 14 item 5): the fund's figures (lib/fund/report.ts), P&L per
 * strategy (lib/strategy/report.ts) and the alerts that fired, over [start, end). One shape for
 * the page /reports/period, the webhook's `data` and the email. Amounts are exact decimal
 * strings (USD for the fund, each strategy's price currency for its P&L).
 */
export interface PeriodReport {
  period: { start: string; end: string; label: string };
  fund: {
    netAssetsStart: string;
    netAssetsEnd: string;
    flows: string;
    gain: string;
    notes: string[];
  };
  strategies: Array<{
    key: string;
    displayName: string;
    currency: string;
    available: boolean;
    pnl: string;
  }>;
  alerts: Array<{
    eventId: number;
    time: string;
    rule: string;
    subject: string;
    severity: string;
    message: string;
  }>;
  notes: string[];
}

export function reportLabel(start: Date, end: Date): string {
  return periodLabel({ start, end });
}

const usd = (v: string) => formatMoney(v, 'USD');

export function reportTitle(r: PeriodReport): string {
  return `Gryphon report ${r.period.label}`;
}

/** Plain text: what an email shows without HTML, and the webhook's `text`. */
export function reportText(r: PeriodReport, url: string): string {
  const lines = [
    `${reportTitle(r)} (UTC, ${formatUtcDateTime(new Date(r.period.start))} to ${formatUtcDateTime(new Date(r.period.end))})`,
    '',
    'Fund',
    `  Net assets at start: ${usd(r.fund.netAssetsStart)}`,
    `  Net assets at end:   ${usd(r.fund.netAssetsEnd)}`,
    `  Capital flows:       ${usd(r.fund.flows)}`,
    `  P&L (change less flows): ${usd(r.fund.gain)}`,
    '',
    'P&L per strategy',
    ...(r.strategies.length === 0 ? ['  (no strategies)'] : []),
    ...r.strategies.map(
      (s) =>
        `  ${s.displayName}: ${s.available ? formatMoney(s.pnl, s.currency) : 'cannot be valued (see the page)'}`,
    ),
    '',
    `Alerts fired: ${r.alerts.length}`,
    ...r.alerts.map(
      (a) =>
        `  ${formatUtcDateTime(new Date(a.time))} [${a.severity}] ${a.rule} ${a.subject}: ${a.message}`,
    ),
    ...(r.notes.length || r.fund.notes.length
      ? ['', 'Notes', ...[...r.fund.notes, ...r.notes].map((n) => `  ${n}`)]
      : []),
  ];
  if (url) lines.push('', `Print-ready page: ${url}`);
  return lines.join('\n');
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A simple HTML body for email (inline styles only: mail clients drop style sheets). */
export function reportHtml(r: PeriodReport, url: string): string {
  const row = (k: string, v: string) =>
    `<tr><td style="padding:2px 12px 2px 0">${esc(k)}</td><td style="text-align:right">${esc(v)}</td></tr>`;
  return [
    `<h2 style="font-family:sans-serif">${esc(reportTitle(r))}</h2>`,
    `<p style="font-family:sans-serif;color:#555">UTC, ${esc(formatUtcDateTime(new Date(r.period.start)))} to ${esc(formatUtcDateTime(new Date(r.period.end)))}</p>`,
    '<h3 style="font-family:sans-serif">Fund</h3><table style="font-family:sans-serif">',
    row('Net assets at start', usd(r.fund.netAssetsStart)),
    row('Net assets at end', usd(r.fund.netAssetsEnd)),
    row('Capital flows', usd(r.fund.flows)),
    row('P&L (change less flows)', usd(r.fund.gain)),
    '</table><h3 style="font-family:sans-serif">P&amp;L per strategy</h3><table style="font-family:sans-serif">',
    ...r.strategies.map((s) =>
      row(s.displayName, s.available ? formatMoney(s.pnl, s.currency) : 'cannot be valued'),
    ),
    `</table><h3 style="font-family:sans-serif">Alerts fired: ${r.alerts.length}</h3><ul style="font-family:sans-serif">`,
    ...r.alerts.map(
      (a) =>
        `<li>${esc(formatUtcDateTime(new Date(a.time)))} [${esc(a.severity)}] ${esc(a.rule)} ${esc(a.subject)}: ${esc(a.message)}</li>`,
    ),
    '</ul>',
    url ? `<p style="font-family:sans-serif"><a href="${esc(url)}">Print-ready page</a></p>` : '',
  ].join('\n');
}
