import { fixedMul, fixedToString, parseFixed, type Fixed } from '../../core/money/fixed';
import { formatMoney } from '../../core/money/money';
import { describeDuration } from '../../core/time/window-links';
import type { BalanceLine, JobLine, StatusSnapshot } from '../../status/domain/snapshot';
import { describeRule, type AlertRule, type Severity } from './rules';

/**
 * Every rule over one snapshot: one finding per rule and subject it applies to, breached or
 * not, with the measured value. Pure; `snapshot.now` is the instant judged.
 */
export interface Finding {
  rule: AlertRule;
  /** The status line it concerns and the alert's subject: `strategy:mm`, `account:X`, `trading`, ... */
  subject: string;
  breached: boolean;
  /** What was measured, in words ("73 minutes", "BTC 0.5 (AUDIT 2.5, ledger 2.0)"). */
  measured: string;
  /** The rule in words ("no fill for > 60 minutes"). */
  condition: string;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** A `*` stale rule skips subjects idle longer than this: retired, not stale. */
export const RETIRED_AFTER_MS = 7 * 24 * HOUR;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Does the rule's subject name this line (`*`, the bare name, or `group:name`)? */
function applies(rule: AlertRule, group: string, name: string): boolean {
  return rule.subject === '*' || same(rule.subject, name) || same(rule.subject, `${group}:${name}`);
}

const age = (now: number, t: number) => describeDuration(Math.max(0, now - t));

function staleFinding(
  rule: AlertRule,
  subject: string,
  last: number | null,
  now: number,
  what: string,
): Finding | null {
  const condition = describeRule(rule);
  if (last === null)
    return rule.subject === '*'
      ? null
      : { rule, subject, breached: false, measured: `no ${what} ever`, condition };
  if (rule.subject === '*' && now - last > RETIRED_AFTER_MS) return null;
  const limit = Number(rule.threshold) * MINUTE;
  return {
    rule,
    subject,
    breached: now - last > limit,
    measured: `last ${what} ${age(now, last)} ago`,
    condition,
  };
}

const abs = (v: Fixed) => (v < 0n ? -v : v);

function driftFinding(
  rule: AlertRule,
  subject: string,
  lines: readonly BalanceLine[] | null,
  what: string,
): Finding {
  const condition = describeRule(rule);
  if (lines === null) return { rule, subject, breached: false, measured: `no ${what}`, condition };
  const limit = parseFixed(rule.threshold);
  let worst: { line: BalanceLine; diff: Fixed } | null = null;
  for (const line of lines) {
    if (line.difference === null) continue;
    const diff = parseFixed(line.difference);
    if (!worst || abs(diff) > abs(worst.diff)) worst = { line, diff };
  }
  if (!worst || worst.diff === 0n)
    return { rule, subject, breached: false, measured: `${what} matches the ledger`, condition };
  const { line, diff } = worst;
  return {
    rule,
    subject,
    breached: abs(diff) > limit,
    measured:
      `${formatMoney(fixedToString(diff), line.currency, { sign: true })} ` +
      `(${what} ${formatMoney(line.reported ?? '0', line.currency)}, ledger ${formatMoney(line.ledger, line.currency)})`,
    condition,
  };
}

export function evaluateRules(s: StatusSnapshot, rules: readonly AlertRule[]): Finding[] {
  const out: Finding[] = [];
  const push = (f: Finding | null) => f && out.push(f);
  const now = s.now;
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const condition = describeRule(rule);
    switch (rule.kind) {
      case 'stale-fill':
        for (const x of s.strategies)
          if (applies(rule, 'strategy', x.key))
            push(staleFinding(rule, `strategy:${x.key}`, x.lastFill, now, 'fill'));
        for (const a of s.accounts)
          if (applies(rule, 'account', a.name))
            push(staleFinding(rule, `account:${a.name}`, a.lastFill, now, 'fill'));
        break;
      case 'stale-order':
        for (const x of s.strategies)
          if (applies(rule, 'strategy', x.key))
            push(staleFinding(rule, `strategy:${x.key}`, x.lastOrder, now, 'order'));
        break;
      case 'stale-audit':
        for (const a of s.accounts)
          if (applies(rule, 'account', a.name))
            push(staleFinding(rule, `account:${a.name}`, a.audit?.time ?? null, now, 'AUDIT'));
        break;
      case 'drift':
        for (const a of s.accounts)
          if (applies(rule, 'account', a.name))
            push(driftFinding(rule, `account:${a.name}`, a.audit?.balances ?? null, 'AUDIT'));
        break;
      case 'cached-drift':
        for (const a of s.accounts)
          if (applies(rule, 'account', a.name))
            push(driftFinding(rule, `account:${a.name}`, a.cached.balances, 'cached balance'));
        break;
      case 'transfer-in-transit':
        for (const a of s.accounts) {
          if (!applies(rule, 'account', a.name)) continue;
          const oldest = a.inTransit.reduce<number | null>(
            (m, t) => (m === null || t.created < m ? t.created : m),
            null,
          );
          push({
            rule,
            subject: `account:${a.name}`,
            breached: oldest !== null && now - oldest > Number(rule.threshold) * HOUR,
            measured:
              oldest === null
                ? 'nothing in transit'
                : `${a.inTransit.length} in transit, the oldest for ${age(now, oldest)}`,
            condition,
          });
        }
        break;
      case 'realized-loss': {
        const limit = -parseFixed(rule.threshold);
        for (const x of s.strategies) {
          if (!applies(rule, 'strategy', x.key) || (rule.subject === '*' && !x.today)) continue;
          const pnl = x.today ? parseFixed(x.today.pnl) : null;
          push({
            rule,
            subject: `strategy:${x.key}`,
            breached: pnl !== null && pnl < limit,
            measured:
              pnl === null || !x.priceCurrency
                ? "today's P&L unavailable"
                : `today ${formatMoney(fixedToString(pnl), x.priceCurrency, { sign: true })}`,
            condition,
          });
        }
        if (rule.subject === '*' || same(rule.subject, 'fund')) push(fundLossFinding(rule, s));
        break;
      }
      case 'position-range':
        for (const x of s.strategies) {
          if (!applies(rule, 'strategy', x.key)) continue;
          if (!x.range) {
            if (rule.subject !== '*')
              push({
                rule,
                subject: `strategy:${x.key}`,
                breached: false,
                measured: 'no range',
                condition,
              });
            continue;
          }
          const pos = x.position === null ? null : parseFixed(x.position);
          const cur = x.volumeCurrency ?? '';
          push({
            rule,
            subject: `strategy:${x.key}`,
            breached:
              pos !== null && (pos < parseFixed(x.range.min) || pos > parseFixed(x.range.max)),
            measured:
              pos === null
                ? 'no position'
                : `${formatMoney(fixedToString(pos), cur)} (range ${formatMoney(x.range.min, cur)} to ${formatMoney(x.range.max, cur)})`,
            condition,
          });
        }
        break;
      case 'trading-stale':
        if (applies(rule, 'system', 'trading')) {
          const t = s.trading.newestRow;
          push({
            rule,
            subject: 'trading',
            breached: t !== null && now - t > Number(rule.threshold) * MINUTE,
            measured: t === null ? 'no rows' : `newest row ${age(now, t)} old`,
            condition,
          });
        }
        break;
      case 'rollup-lag':
        if (s.rollup && applies(rule, 'system', 'rollup'))
          push({
            rule,
            subject: 'rollup',
            breached: s.rollup.lagMs > Number(rule.threshold) * MINUTE,
            measured:
              s.rollup.behindFills === 0
                ? 'up to date'
                : `${s.rollup.behindFills} fills behind, the oldest ${describeDuration(s.rollup.lagMs)} old`,
            condition,
          });
        break;
      case 'job-failing':
      case 'job-late':
        for (const j of s.jobs) push(jobFinding(rule, j, s.liveAt ?? now));
        break;
      case 'database-unreachable':
        for (const d of s.databases)
          if (applies(rule, 'database', d.database))
            push({
              rule,
              subject: `database:${d.database}`,
              breached: !d.ok,
              measured: d.ok ? `${d.address} answers` : `${d.address}: ${d.reason ?? 'no answer'}`,
              condition,
            });
        break;
    }
  }
  return out;
}

/**
 * The fund's realized P&L today in USD: each strategy's, at its price currency's USD rate of
 * the day as the fund view values it (snapshot usdRate), added up and compared with the
 * threshold in USD. A strategy whose currency has no rate cannot be added: it is named in the
 * measured value and left out of the sum.
 */
function fundLossFinding(rule: AlertRule, s: StatusSnapshot): Finding {
  const condition = describeRule(rule);
  let total = 0n;
  let valued = 0;
  const byCurrency = new Map<string, { pnl: Fixed; rate: string | null }>();
  for (const x of s.strategies) {
    if (!x.today || !x.priceCurrency) continue;
    const pnl = parseFixed(x.today.pnl);
    // A snapshot from before usdRate existed has none: the same as no rate.
    const rate = x.usdRate ?? null;
    const c = byCurrency.get(x.priceCurrency) ?? { pnl: 0n, rate };
    c.pnl += pnl;
    byCurrency.set(x.priceCurrency, c);
    if (rate === null) continue;
    total += fixedMul(pnl, parseFixed(rate));
    valued += 1;
  }
  if (byCurrency.size === 0)
    return { rule, subject: 'fund', breached: false, measured: 'no realized P&L today', condition };
  const parts = [...byCurrency]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([cur, { pnl, rate }]) =>
      cur === 'USD'
        ? formatMoney(fixedToString(pnl), cur, { sign: true })
        : rate === null
          ? `${formatMoney(fixedToString(pnl), cur, { sign: true })} (no USD rate: left out)`
          : `${formatMoney(fixedToString(pnl), cur, { sign: true })} at ${fixedToString(parseFixed(rate), 6)} USD`,
    );
  const usd = formatMoney(fixedToString(total), 'USD', { sign: true });
  return {
    rule,
    subject: 'fund',
    breached: valued > 0 && total < -parseFixed(rule.threshold),
    measured: `today ${usd} (${parts.join('; ')})`,
    condition,
  };
}

/** A server silent this long has stopped: its lines say so (it ticks every minute). */
export const SERVER_SILENT_AFTER_MS = 10 * MINUTE;

export const jobSubject = (j: JobLine) => `job:${j.name}@${j.server}`;

/**
 * job-failing: the job's last finished run failed. job-late: no success for more than
 * `threshold` of its periods (since its last success, else its first start still running).
 * A rule names a job by name (every server's) or `name@server`; a `*` rule leaves out a
 * server silent for more than RETIRED_AFTER_MS (removed, not failing: still listed as stale).
 */
function jobFinding(rule: AlertRule, j: JobLine, now: number): Finding | null {
  const named =
    same(rule.subject, j.name) ||
    same(rule.subject, `job:${j.name}`) ||
    same(rule.subject, `${j.name}@${j.server}`) ||
    same(rule.subject, jobSubject(j));
  if (rule.subject !== '*' && !named) return null;
  if (rule.subject === '*' && now - j.serverSeen > RETIRED_AFTER_MS) return null;
  const condition = describeRule(rule);
  const subject = jobSubject(j);
  const silent =
    now - j.serverSeen > SERVER_SILENT_AFTER_MS
      ? `; ${j.server} stopped reporting ${age(now, j.serverSeen)} ago`
      : '';
  if (rule.kind === 'job-failing')
    return {
      rule,
      subject,
      breached: j.lastOk === false,
      measured:
        (j.lastOk === null
          ? 'no run finished yet'
          : j.lastOk
            ? 'last run ok'
            : `last run failed ${age(now, j.lastFailed ?? j.lastFinished ?? now)} ago: ${(j.lastError ?? '').slice(0, 200)}`) +
        silent,
      condition,
    };
  const since = j.lastSucceeded ?? j.lastStarted;
  const limit = Number(rule.threshold) * j.everyMs;
  return {
    rule,
    subject,
    breached: since !== null && now - since > limit,
    measured:
      (since === null
        ? 'never ran'
        : j.lastSucceeded === null
          ? `no success yet, first started ${age(now, since)} ago`
          : `last success ${age(now, since)} ago`) +
      ` (every ${describeDuration(j.everyMs)})${silent}`,
    condition,
  };
}

export type LineState = 'ok' | Severity;

export interface LineVerdict {
  state: LineState;
  /** The finding that decided it: the worst breach, else the first rule checked (null: none applies). */
  decidedBy: Finding | null;
  findings: Finding[];
}

const RANK: Record<LineState, number> = { ok: 0, warning: 1, failing: 2 };

/** Each subject's state: the most severe of its breached rules, ok when none is breached. */
export function verdicts(findings: readonly Finding[]): Map<string, LineVerdict> {
  const out = new Map<string, LineVerdict>();
  for (const f of findings) {
    let v = out.get(f.subject);
    if (!v) out.set(f.subject, (v = { state: 'ok', decidedBy: null, findings: [] }));
    v.findings.push(f);
    const state: LineState = f.breached ? f.rule.severity : 'ok';
    if (!v.decidedBy || RANK[state] > RANK[v.state]) {
      v.state = state;
      v.decidedBy = f;
    }
  }
  return out;
}
