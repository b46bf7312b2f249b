import { z } from 'zod';

/**
 * The alert rules' vocabulary (docs/operations.md#alert-rules). A rule names a kind, a subject
 * (a strategy key, an account name, `fund`, a job or database name, or `*` for every subject
 * of its kind), a threshold in the kind's unit, how long a breach stays pending before it fires
 * (`for`), a severity and the channels its firing and resolution are sent to (lib/notify).
 */
export const RULE_KINDS = {
  'stale-fill': { unit: 'minutes', about: 'strategy or account', text: 'no fill for' },
  'stale-order': { unit: 'minutes', about: 'strategy', text: 'no order for' },
  'stale-audit': { unit: 'minutes', about: 'account', text: 'no AUDIT for' },
  drift: { unit: 'amount', about: 'account', text: 'AUDIT differs from the ledger by more than' },
  'cached-drift': {
    unit: 'amount',
    about: 'account',
    text: 'cached balance differs from the ledger by more than',
  },
  'transfer-in-transit': { unit: 'hours', about: 'account', text: 'a transfer in transit for' },
  'realized-loss': {
    unit: 'amount',
    about: 'strategy or fund',
    text: "today's realized loss beyond",
  },
  'position-range': { unit: 'none', about: 'strategy', text: 'position outside its range' },
  'trading-stale': {
    unit: 'minutes',
    about: 'trading',
    text: 'no new row in the trading database for',
  },
  'rollup-lag': { unit: 'minutes', about: 'rollup', text: 'the rollup behind by' },
  'job-failing': { unit: 'none', about: 'job', text: 'a background job failing' },
  'job-late': {
    unit: 'periods',
    about: 'job',
    text: 'a background job without a success for',
  },
  'database-unreachable': { unit: 'none', about: 'database', text: 'a database unreachable' },
} as const;
export type RuleKind = keyof typeof RULE_KINDS;
export const KIND_NAMES = Object.keys(RULE_KINDS) as RuleKind[];

export const SEVERITIES = ['warning', 'failing'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type RuleSource = 'builtin' | 'config' | 'database';

export interface AlertRule {
  name: string;
  kind: RuleKind;
  subject: string;
  /** Decimal string in the kind's unit ('0' for kinds without one). */
  threshold: string;
  forSeconds: number;
  severity: Severity;
  /** Channel names (lib/notify), in order, no duplicates. */
  channels: string[];
  enabled: boolean;
  source: RuleSource;
}

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** "90s", "5m", "2h", "1d", or a bare number of seconds; "0" fires at once. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d{1,7})\s*(s|m|min|h|d)?\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  const seconds =
    n * (unit === 'd' ? 86_400 : unit === 'h' ? 3_600 : unit.startsWith('m') ? 60 : 1);
  return seconds <= 30 * 86_400 ? seconds : null;
}

/** The shortest of "2h", "5m", "90s" that says it exactly. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0';
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const SUBJECT_RE = /^[^\s,]{1,128}$/;
const CHANNEL_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** What a form or a dashboard.conf section gives, every value a string (absent: default). */
export const RuleInput = z.object({
  name: z.string().trim().regex(NAME_RE, 'letters, digits, "_", "." or "-", at most 64'),
  kind: z.enum(KIND_NAMES as [RuleKind, ...RuleKind[]], {
    error: `one of ${KIND_NAMES.join(', ')}`,
  }),
  subject: z
    .string()
    .trim()
    .default('*')
    .transform((s) => s || '*')
    .pipe(z.string().regex(SUBJECT_RE, 'a name without spaces or commas, or *')),
  threshold: z
    .string()
    .trim()
    .default('0')
    .transform((s) => s || '0')
    .pipe(z.string().regex(DECIMAL, 'a non-negative decimal number')),
  for: z
    .string()
    .trim()
    .default('0')
    .transform((s, ctx) => {
      const d = parseDuration(s || '0');
      if (d === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'a duration such as 90s, 5m, 2h or 1d (at most 30d)',
        });
        return z.NEVER;
      }
      return d;
    }),
  severity: z.enum(SEVERITIES, { error: 'warning or failing' }).default('warning'),
  channels: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const names = [
        ...new Set(
          s
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        ),
      ];
      const bad = names.find((c) => !CHANNEL_RE.test(c));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `"${bad}" is not a channel name` });
        return z.NEVER;
      }
      return names;
    }),
  enabled: z
    .enum(['true', 'false', 'yes', 'no', 'on', 'off', '1', '0'], { error: 'true or false' })
    .default('true')
    .transform((s) => ['true', 'yes', 'on', '1'].includes(s)),
});

export class RuleInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** A rule from strings; throws RuleInputError naming the field and what it expected. */
export function parseRule(raw: Record<string, string | undefined>, source: RuleSource): AlertRule {
  const r = RuleInput.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = String(issue.path[0] ?? 'rule');
    const got = raw[field];
    throw new RuleInputError(
      `${field}: expected ${issue.message}${got !== undefined ? `, got "${got.slice(0, 60)}"` : ''}`,
      field,
    );
  }
  const d = r.data;
  const unit = RULE_KINDS[d.kind].unit;
  return {
    name: d.name,
    kind: d.kind,
    subject: d.subject,
    threshold: unit === 'none' ? '0' : d.threshold,
    forSeconds: d.for,
    severity: d.severity,
    channels: d.channels,
    enabled: d.enabled,
    source,
  };
}

/** "no fill for > 60 minutes", "AUDIT differs from the ledger by more than 0.01". */
export function describeRule(rule: Pick<AlertRule, 'kind' | 'threshold'>): string {
  const k = RULE_KINDS[rule.kind];
  if (k.unit === 'none') return k.text;
  if (k.unit === 'amount') return `${k.text} ${rule.threshold}`;
  return `${k.text} > ${rule.threshold} ${k.unit}`;
}
