import type { AlertRule } from './rules';
import type { Finding } from './evaluate';

/**
 * The life of an alert on one (rule, subject): ok → pending when the rule is breached → firing
 * once it has been breached for the rule's `for` → resolved when it no longer is (then ok
 * again on the next breach's start). A breach that ends while pending goes back to ok without
 * ever firing. A rule with `for` 0 fires at once.
 */
export type AlertStateName = 'ok' | 'pending' | 'firing' | 'resolved';
export const ALERT_STATES: readonly AlertStateName[] = ['ok', 'pending', 'firing', 'resolved'];

export interface StoredState {
  state: AlertStateName;
  /** Epoch ms the current state began. */
  since: number;
}

export interface Transition {
  next: StoredState;
  /** Set when the state changed: the event to append (alert_event). */
  changed: boolean;
}

export function step(
  prev: StoredState | null,
  breached: boolean,
  forSeconds: number,
  now: number,
): Transition {
  const cur = prev ?? { state: 'ok' as const, since: now };
  const to = (state: AlertStateName, since = now): Transition => ({
    next: { state, since },
    changed: state !== cur.state,
  });
  if (breached) {
    if (cur.state === 'firing') return to('firing', cur.since);
    if (cur.state === 'pending')
      return now - cur.since >= forSeconds * 1000 ? to('firing') : to('pending', cur.since);
    return forSeconds === 0 ? to('firing') : to('pending');
  }
  if (cur.state === 'firing') return to('resolved');
  if (cur.state === 'pending') return to('ok');
  return { next: cur, changed: false };
}

/** The alert_event row of a change (channels only for firing and resolved: pending is not news). */
export interface EventDraft {
  ruleName: string;
  subject: string;
  state: AlertStateName;
  severity: string;
  message: string;
  detail: string;
  channels: string;
}

export function eventOf(rule: AlertRule, f: Finding, state: AlertStateName): EventDraft {
  const verb = {
    ok: 'cleared before firing',
    pending: 'breached, pending',
    firing: 'FIRING',
    resolved: 'resolved',
  }[state];
  return {
    ruleName: rule.name,
    subject: f.subject,
    state,
    severity: rule.severity,
    message: `${rule.name} on ${f.subject}: ${verb} (${f.condition}; measured ${f.measured})`.slice(
      0,
      1000,
    ),
    detail: JSON.stringify({
      kind: rule.kind,
      threshold: rule.threshold,
      forSeconds: rule.forSeconds,
      condition: f.condition,
      measured: f.measured,
      source: rule.source,
    }),
    channels: state === 'firing' || state === 'resolved' ? rule.channels.join(',') : '',
  };
}
