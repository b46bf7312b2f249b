/**
 * The audit log's vocabulary (issue 13) and its pure rules: which actions are recorded, the
 * filters of the admin page and /api/admin/audit, the retention cut-off. No I/O, no clock.
 */
import { BadRequestError } from '../../core/errors';
import { addUtcDays, startOfUtcDay } from '../../core/time/calendar';
import { parseTimeWindow, type TimeWindow } from '../../core/time/time-window';

export const AUDIT_ACTIONS = [
  'login',
  'logout',
  'password-change',
  'user-create',
  'role-change',
  'scope-change',
  'user-disable',
  'user-enable',
  'sessions-revoke',
  'two-factor-change',
  '2fa-enrol',
  '2fa-disable',
  '2fa-reset',
  'csv-export',
  'statement-upload',
  'statement-delete',
  'alert-rule-change',
  'channel-change',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** ok; failed (wrong password, disabled...); locked (refused by the lockout); started/aborted. */
export type AuditOutcome = 'ok' | 'failed' | 'locked' | 'refused' | 'started' | 'aborted';

export interface AuditInput {
  action: AuditAction;
  outcome: AuditOutcome;
  /** Who did it (for a failed login: the name typed). */
  username: string;
  /** Whom or what it was about: the user managed, the account exported. */
  subject?: string;
  /** JSON-able facts: the window and rows of an export, the new role, the failure's reason. */
  detail?: Record<string, unknown>;
}

export interface AuditContext {
  ip: string;
  userAgent: string;
}

/** Rows older than this are removed by the retention job (AUDIT_RETENTION_DAYS). */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

export interface AuditFilter {
  window: TimeWindow;
  username?: string;
  action?: AuditAction;
}

type Q = Record<string, string | string[] | undefined>;

function single(q: Q, name: string): string | undefined {
  const v = q[name];
  if (Array.isArray(v)) throw new BadRequestError(`${name} is given more than once`, name);
  return v === undefined || v === '' ? undefined : v;
}

/**
 * The audit page's and API's query: start/end (as every window; default the 30 UTC days before
 * today, and today), user, action. Throws BadRequestError naming the parameter.
 */
export function parseAuditQuery(q: Q, now: Date): AuditFilter {
  const hasWindow = single(q, 'start') !== undefined || single(q, 'end') !== undefined;
  const window = hasWindow
    ? parseTimeWindow({ start: q.start, end: q.end }, now)
    : { start: addUtcDays(startOfUtcDay(now), -30), end: addUtcDays(startOfUtcDay(now), 1) };
  const username = single(q, 'user');
  if (username !== undefined && username.length > 64)
    throw new BadRequestError('user is at most 64 characters', 'user', 'user=alice');
  const action = single(q, 'action');
  if (action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(action))
    throw new BadRequestError(
      `action must be one of ${AUDIT_ACTIONS.join(', ')}`,
      'action',
      'action=csv-export',
    );
  return {
    window,
    ...(username !== undefined ? { username } : {}),
    ...(action !== undefined ? { action: action as AuditAction } : {}),
  };
}
