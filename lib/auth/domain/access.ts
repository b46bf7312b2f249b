/**
 * Who may do what (issue 13): roles, their capabilities, per-user scopes, and the one table
 * that says what every path of the app needs. Pure: the proxy (lib/http/gates/access.ts, from
 * the session token's claims) and requireUser/requireApiUser (lib/auth/session.ts, from the
 * user's row) both decide with `decideAccess(classifyRequest(...))`, so they cannot disagree.
 */
import { z } from 'zod';

/**
 * Stored in Gryphon's `user.user_type`. Gryphon writes 'ADMIN' for every user, so adopted
 * users stay admins. Any other value (a typo, a type from a future Gryphon) is read as VIEWER,
 * the least access: an unknown value never grants more than reading.
 */
export const ROLES = ['ADMIN', 'MEMBER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/**
 * view: open the dashboards (pages and their JSON twins); export: CSV downloads; upload and
 * delete: exchange statements; admin: user management and the audit log; self: the user's own
 * account page (password).
 */
export type Capability = 'view' | 'export' | 'upload' | 'delete' | 'admin' | 'self';

const CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  ADMIN: new Set(['view', 'export', 'upload', 'delete', 'admin', 'self']),
  MEMBER: new Set(['view', 'export', 'upload', 'delete', 'self']),
  VIEWER: new Set(['view', 'self']),
};

export function roleOf(userType: string): Role {
  const t = userType.trim().toUpperCase();
  return (ROLES as readonly string[]).includes(t) ? (t as Role) : 'VIEWER';
}

/** 'viewer', 'Member' → the role; null for anything else (CLIs and forms refuse it). */
export function parseRole(input: string): Role | null {
  const t = input.trim().toUpperCase();
  return (ROLES as readonly string[]).includes(t) ? (t as Role) : null;
}

export function can(role: Role, capability: Capability): boolean {
  return CAPABILITIES[role].has(capability);
}

/** The dashboards a scope can name; the home page is always open (and filtered). */
/** Dashboard areas a scope's `pages` may name; `status` is the status board and the alerts. */
export const AREAS = ['strategy', 'fund', 'ledger', 'status'] as const;
export type Area = (typeof AREAS)[number];

/**
 * What a MEMBER or VIEWER sees; a missing list means no limit. Names compare without case
 * (account URLs are lower-cased). Admins are never limited: they manage the scopes.
 */
export interface Scope {
  pages?: Area[];
  /** Strategy keys as in the URL /strategy/<key> (dashboard.conf's section, or the actor). */
  strategies?: string[];
  /** Exchange account names (order.exchange_name / exchange.name). */
  accounts?: string[];
}

const NAME = z.string().trim().min(1).max(64);
const ScopeSchema = z
  .object({
    pages: z.array(z.enum(AREAS)).max(AREAS.length).optional(),
    strategies: z.array(NAME).max(500).optional(),
    accounts: z.array(NAME).max(500).optional(),
  })
  .strict();

/** A scope from user input (admin page, CLI); throws a message naming what is wrong. */
export function validateScope(input: unknown): Scope {
  const r = ScopeSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`scope ${issue.path.join('.') || ''}: ${issue.message}`.replace(' :', ':'));
  }
  const out: Scope = {};
  if (r.data.pages) out.pages = [...new Set(r.data.pages)];
  if (r.data.strategies) out.strategies = [...new Set(r.data.strategies)];
  if (r.data.accounts) out.accounts = [...new Set(r.data.accounts)];
  return out;
}

/**
 * The stored column (JSON or NULL = no limit). Unreadable JSON limits to nothing rather than
 * to everything: a damaged row must not widen anyone's access.
 */
export function parseStoredScope(json: string | null | undefined): Scope {
  if (json === null || json === undefined || json === '') return {};
  try {
    return validateScope(JSON.parse(json));
  } catch {
    return { pages: [], strategies: [], accounts: [] };
  }
}

export function storedScope(scope: Scope): string | null {
  const s = validateScope(scope);
  return Object.keys(s).length === 0 ? null : JSON.stringify(s);
}

export function describeScope(scope: Scope): string {
  const parts = [
    scope.pages && `pages: ${scope.pages.join(', ') || 'none'}`,
    scope.strategies && `strategies: ${scope.strategies.join(', ') || 'none'}`,
    scope.accounts && `accounts: ${scope.accounts.join(', ') || 'none'}`,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'everything';
}

export interface Principal {
  role: Role;
  scope: Scope;
}

const has = (list: string[] | undefined, name: string) =>
  list === undefined || list.some((n) => n.toLowerCase() === name.toLowerCase());

/**
 * The fund is the whole firm: its totals add up every account and strategy, so a part of it
 * would be a different fund. A scope that limits accounts or strategies opens the fund only
 * when its `pages` name the fund, and then the whole fund (docs/access-control.md).
 */
export function mayOpenArea(p: Principal, area: Area): boolean {
  if (p.role === 'ADMIN') return true;
  if (p.scope.pages) return p.scope.pages.includes(area);
  return area !== 'fund' || (!p.scope.accounts && !p.scope.strategies);
}
export function mayOpenStrategy(p: Principal, key: string): boolean {
  return mayOpenArea(p, 'strategy') && (p.role === 'ADMIN' || has(p.scope.strategies, key));
}
export function mayOpenAccount(p: Principal, name: string): boolean {
  return mayOpenArea(p, 'ledger') && (p.role === 'ADMIN' || has(p.scope.accounts, name));
}

/** What a request needs: a capability, and for a dashboard its area and the named resource. */
export interface Target {
  need: Capability;
  area?: Area;
  strategy?: string;
  account?: string;
  /** What the request does, for the refusal message ("export CSV"). */
  action: string;
}

interface Rule {
  /** Literal segments, `:strategy`/`:account` (captured), `*` (any one), `**` (any rest). */
  pattern: string[];
  methods?: string[];
  need: Capability;
  area?: Area;
  action: string;
}

/**
 * Every path of the app, first match wins. Prefix rules (`**`) classify pages added later
 * under the same prefix (e.g. /strategy/<key>/report) with the same need; a unit test checks
 * that every page.tsx and route.ts under app/ matches a rule. An unmatched path needs `admin`.
 */
export const ACCESS_RULES: Rule[] = [
  { pattern: [], need: 'view', action: 'open the overview' },
  { pattern: ['account', '**'], need: 'self', action: 'open your account' },
  { pattern: ['admin', '**'], need: 'admin', action: 'manage users and read the audit log' },
  { pattern: ['api', 'admin', '**'], need: 'admin', action: 'read the audit log' },
  // The Custom… window form outside UTC: a redirect to the page, which checks its own access.
  { pattern: ['api', 'window'], need: 'view', action: 'choose a window' },
  // Delivery channels and report schedules (lib/notify, issue 14): admins only.
  {
    pattern: ['alerts', 'channels', '**'],
    need: 'admin',
    action: 'manage the delivery channels',
  },
  { pattern: ['alerts', 'reports', '**'], need: 'admin', action: 'manage the scheduled reports' },
  {
    pattern: ['reports', 'period', '**'],
    need: 'view',
    area: 'fund',
    action: 'open the period report',
  },
  {
    pattern: ['strategy', ':strategy', '**'],
    need: 'view',
    area: 'strategy',
    action: 'open this strategy',
  },
  {
    pattern: ['api', 'strategy', ':strategy', '**'],
    need: 'view',
    area: 'strategy',
    action: 'read this strategy',
  },
  { pattern: ['status', '**'], need: 'view', area: 'status', action: 'open the status board' },
  {
    pattern: ['api', 'status', '**'],
    need: 'view',
    area: 'status',
    action: 'read the status board',
  },
  // The alert rules' changes are server actions, POSTed to the page: admins only.
  {
    pattern: ['alerts', '**'],
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
    need: 'admin',
    action: 'change alert rules',
  },
  { pattern: ['alerts', '**'], need: 'view', area: 'status', action: 'read the alerts' },
  { pattern: ['api', 'alerts', '**'], need: 'view', area: 'status', action: 'read the alerts' },
  { pattern: ['fund', '**'], need: 'view', area: 'fund', action: 'open the fund' },
  { pattern: ['api', 'fund', '**'], need: 'view', area: 'fund', action: 'read the fund' },
  {
    pattern: ['api', 'ledger', ':account', 'csv', '**'],
    need: 'export',
    area: 'ledger',
    action: 'export CSV',
  },
  {
    pattern: ['api', 'ledger', ':account', 'statements'],
    methods: ['POST', 'PUT', 'PATCH'],
    need: 'upload',
    area: 'ledger',
    action: 'upload statements',
  },
  {
    pattern: ['api', 'ledger', ':account', 'statements', '*', '**'],
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
    need: 'delete',
    area: 'ledger',
    action: 'delete statements',
  },
  {
    pattern: ['ledger', ':account', 'reconcile', '*', 'delete', '**'],
    need: 'delete',
    area: 'ledger',
    action: 'delete statements',
  },
  {
    pattern: ['ledger', ':account', '**'],
    need: 'view',
    area: 'ledger',
    action: 'open this ledger',
  },
  {
    pattern: ['api', 'ledger', ':account', '**'],
    need: 'view',
    area: 'ledger',
    action: 'read this ledger',
  },
];

const UNCLASSIFIED: Target = { need: 'admin', action: 'open this address' };

/** The rule for a path (`/a/b`, percent-encoded or not) and method; null if none matches. */
export function matchAccessRule(
  pathname: string,
  method: string,
): { rule: Rule; captured: Record<string, string> } | null {
  const segments = pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const m = method.toUpperCase();
  for (const rule of ACCESS_RULES) {
    if (rule.methods && !rule.methods.includes(m)) continue;
    const captured = matchPattern(rule.pattern, segments);
    if (captured) return { rule, captured };
  }
  return null;
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | null {
  const captured: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p === '**') return captured;
    const s = segments[i];
    if (s === undefined) return null;
    if (p.startsWith(':')) captured[p.slice(1)] = s;
    else if (p !== '*' && p !== s) return null;
  }
  return segments.length === pattern.length ? captured : null;
}

export function classifyRequest(pathname: string, method: string): Target {
  const found = matchAccessRule(pathname, method);
  if (!found) return UNCLASSIFIED;
  const { rule, captured } = found;
  return {
    need: rule.need,
    action: rule.action,
    ...(rule.area ? { area: rule.area } : {}),
    ...(captured.strategy !== undefined ? { strategy: captured.strategy } : {}),
    ...(captured.account !== undefined ? { account: captured.account } : {}),
  };
}

export type AccessDecision = { ok: true } | { ok: false; message: string };

const ROLE_NAME: Record<Role, string> = { ADMIN: 'admin', MEMBER: 'member', VIEWER: 'viewer' };

/** Whether `p` may do `t`, and if not, a message that says why and what to do. */
export function decideAccess(p: Principal, t: Target): AccessDecision {
  if (!can(p.role, t.need)) {
    const allowed =
      t.need === 'admin' ? 'only administrators may' : `a ${ROLE_NAME[p.role]} account may not`;
    return {
      ok: false,
      message: `Forbidden: ${allowed} ${t.action}. Ask an administrator if you need it.`,
    };
  }
  const outside = (what: string) => ({
    ok: false as const,
    message: `Forbidden: ${what} is outside what your account may see (${describeScope(p.scope)}). Ask an administrator if you need it.`,
  });
  if (t.area && !mayOpenArea(p, t.area)) return outside(`the ${t.area} dashboard`);
  if (t.strategy !== undefined && !mayOpenStrategy(p, t.strategy))
    return outside(`strategy "${t.strategy}"`);
  if (t.account !== undefined && !mayOpenAccount(p, t.account))
    return outside(`account "${t.account}"`);
  return { ok: true };
}

/** The parts of the navigation and of the home page a user may open. */
export function navAccess(p: Principal) {
  return {
    strategy: mayOpenArea(p, 'strategy'),
    fund: mayOpenArea(p, 'fund'),
    ledger: mayOpenArea(p, 'ledger'),
    status: mayOpenArea(p, 'status'),
    admin: can(p.role, 'admin'),
  };
}
