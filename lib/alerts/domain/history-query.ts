import { BadRequestError } from '../../core/errors';
import { ALERT_STATES, type AlertStateName } from './state';

type Q = Record<string, string | string[] | undefined>;

export interface HistoryQuery {
  rule?: string;
  subject?: string;
  state?: AlertStateName;
  /** 1-based. */
  page: number;
}

export const HISTORY_PAGE_SIZE = 50;

function single(q: Q, name: string): string | undefined {
  const v = q[name];
  if (Array.isArray(v)) throw new BadRequestError(`${name} is given more than once`, name);
  return v === undefined || v === '' ? undefined : v;
}

/** /alerts/history's and /api/alerts?history's filters; throws BadRequestError naming the parameter. */
export function parseHistoryQuery(q: Q): HistoryQuery {
  const rule = single(q, 'rule');
  if (rule !== undefined && rule.length > 128)
    throw new BadRequestError(
      'rule is a rule name of at most 128 characters',
      'rule',
      'rule=audit-drift',
    );
  const subject = single(q, 'subject');
  if (subject !== undefined && subject.length > 191)
    throw new BadRequestError(
      'subject is at most 191 characters',
      'subject',
      'subject=account:BITSTAMP_BTC_USD',
    );
  const state = single(q, 'state');
  if (state !== undefined && !(ALERT_STATES as readonly string[]).includes(state))
    throw new BadRequestError(
      `state must be one of ${ALERT_STATES.join(', ')}`,
      'state',
      'state=firing',
    );
  const pageText = single(q, 'page') ?? '1';
  if (!/^\d{1,6}$/.test(pageText) || Number(pageText) < 1)
    throw new BadRequestError('page is a whole number from 1', 'page', 'page=2');
  return {
    ...(rule !== undefined ? { rule } : {}),
    ...(subject !== undefined ? { subject } : {}),
    ...(state !== undefined ? { state: state as AlertStateName } : {}),
    page: Number(pageText),
  };
}
