import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR, EXEMPT_ROUTE_FILES, requestFor, routeFiles } from '../../../tests/helpers/routes';
import {
  classifyRequest,
  decideAccess,
  matchAccessRule,
  navAccess,
  parseRole,
  parseStoredScope,
  roleOf,
  storedScope,
  validateScope,
  type Principal,
} from './access';

const admin: Principal = { role: 'ADMIN', scope: {} };
const member: Principal = { role: 'MEMBER', scope: {} };
const viewer: Principal = { role: 'VIEWER', scope: {} };
const investor: Principal = { role: 'VIEWER', scope: { pages: ['fund'] } };
const accountant: Principal = {
  role: 'MEMBER',
  scope: { pages: ['fund', 'ledger'], accounts: ['Bitstamp', 'BANK'] },
};
const trader: Principal = { role: 'MEMBER', scope: { strategies: ['alpha'] } };

describe('roles', () => {
  it('reads Gryphon user_type: ADMIN stays admin, unknown values are viewers', () => {
    expect(roleOf('ADMIN')).toBe('ADMIN');
    expect(roleOf('admin ')).toBe('ADMIN');
    expect(roleOf('MEMBER')).toBe('MEMBER');
    expect(roleOf('VIEWER')).toBe('VIEWER');
    expect(roleOf('SUPERUSER')).toBe('VIEWER');
    expect(roleOf('')).toBe('VIEWER');
  });
  it('parses a role typed by a person, refusing anything else', () => {
    expect(parseRole('viewer')).toBe('VIEWER');
    expect(parseRole('Member')).toBe('MEMBER');
    expect(parseRole('root')).toBe(null);
  });
});

describe('scopes', () => {
  it('stores a validated scope as JSON, no limit as NULL', () => {
    expect(storedScope({})).toBe(null);
    expect(storedScope({ pages: ['fund', 'fund'] })).toBe('{"pages":["fund"]}');
    expect(parseStoredScope('{"accounts":["BANK"]}')).toEqual({ accounts: ['BANK'] });
    expect(parseStoredScope(null)).toEqual({});
  });
  it('reads a damaged stored scope as no access at all, never as everything', () => {
    expect(parseStoredScope('{not json')).toEqual({ pages: [], strategies: [], accounts: [] });
    expect(parseStoredScope('{"pages":["admin"]}')).toEqual({
      pages: [],
      strategies: [],
      accounts: [],
    });
  });
  it('names what is wrong in a scope typed by a person', () => {
    expect(() => validateScope({ pages: ['home'] })).toThrow(/scope pages\.0/);
    expect(() => validateScope({ colour: 'red' })).toThrow(/scope/);
  });
});

describe('decideAccess', () => {
  const cases: Array<[string, Principal, string, string, boolean | RegExp]> = [
    ['admin: everything', admin, '/admin/users', 'GET', true],
    ['admin: audit JSON', admin, '/api/admin/audit', 'GET', true],
    ['admin: CSV', admin, '/api/ledger/bitstamp/csv', 'GET', true],
    ['member: no admin page', member, '/admin/users', 'GET', /only administrators may/],
    ['member: no audit API', member, '/api/admin/audit', 'GET', /only administrators may/],
    ['member: CSV export', member, '/api/ledger/bitstamp/csv', 'GET', true],
    ['member: upload', member, '/api/ledger/bitstamp/statements', 'POST', true],
    ['member: delete', member, '/api/ledger/bitstamp/statements/3', 'DELETE', true],
    ['viewer: overview', viewer, '/', 'GET', true],
    ['viewer: own account', viewer, '/account', 'POST', true],
    ['viewer: strategy JSON', viewer, '/api/strategy/alpha', 'GET', true],
    ['viewer: ledger page', viewer, '/ledger/bitstamp', 'GET', true],
    ['viewer: statements list', viewer, '/ledger/bitstamp/reconcile', 'GET', true],
    [
      'viewer: no CSV',
      viewer,
      '/api/ledger/bitstamp/csv',
      'GET',
      /viewer account may not export CSV/,
    ],
    ['viewer: no upload', viewer, '/api/ledger/bitstamp/statements', 'POST', /upload statements/],
    ['viewer: list statements (GET)', viewer, '/api/ledger/bitstamp/statements', 'GET', true],
    ['viewer: no delete API', viewer, '/api/ledger/b/statements/3', 'DELETE', /delete statements/],
    ['viewer: no delete form', viewer, '/api/ledger/b/statements/3', 'POST', /delete statements/],
    ['viewer: no delete page', viewer, '/ledger/b/reconcile/3/delete', 'GET', /delete statements/],
    ['investor: fund', investor, '/fund', 'GET', true],
    ['investor: fund report', investor, '/fund/report', 'GET', true],
    ['investor: no strategy', investor, '/strategy/alpha', 'GET', /strategy dashboard is outside/],
    ['investor: no strategy API', investor, '/api/strategy/alpha/report', 'GET', /outside/],
    ['investor: no ledger', investor, '/ledger/bitstamp', 'GET', /ledger dashboard is outside/],
    ['accountant: own ledger', accountant, '/ledger/bitstamp/BTC', 'GET', true],
    ['accountant: encoded', accountant, '/api/ledger/%42ANK/csv', 'GET', true],
    [
      'accountant: other ledger',
      accountant,
      '/ledger/kraken',
      'GET',
      /account "kraken" is outside/,
    ],
    ['trader: own strategy', trader, '/strategy/Alpha/quality', 'GET', true],
    ['trader: other strategy', trader, '/strategy/beta', 'GET', /strategy "beta" is outside/],
    [
      'trader: fund (whole firm, not in pages)',
      trader,
      '/fund',
      'GET',
      /fund dashboard is outside/,
    ],
    ['viewer: status board', viewer, '/status', 'GET', true],
    ['viewer: status JSON', viewer, '/api/status', 'GET', true],
    ['viewer: alerts', viewer, '/alerts', 'GET', true],
    ['viewer: alert history', viewer, '/alerts/history', 'GET', true],
    // A scope whose pages leave out `status` keeps the operations out of sight.
    ['investor: no status board', investor, '/status', 'GET', /status dashboard is outside/],
    ['investor: no alerts JSON', investor, '/api/alerts', 'GET', /status dashboard is outside/],
    ['trader (no page limit): status board', trader, '/status', 'GET', true],
    ['member: no alert rule change', member, '/alerts', 'POST', /only administrators may/],
    ['admin: alert rule change', admin, '/alerts', 'POST', true],
    ['unclassified: admin only', member, '/somewhere/new', 'GET', /only administrators/],
    ['unclassified: admin ok', admin, '/somewhere/new', 'GET', true],
  ];
  it.each(cases)('%s', (_name, who, pathname, method, expected) => {
    const d = decideAccess(who, classifyRequest(pathname, method));
    if (expected === true) expect(d).toEqual({ ok: true });
    else {
      expect(d.ok).toBe(false);
      expect(d.ok ? '' : d.message).toMatch(expected as RegExp);
    }
  });

  it('admins ignore scopes (they manage them)', () => {
    const scoped: Principal = { role: 'ADMIN', scope: { pages: [] } };
    expect(decideAccess(scoped, classifyRequest('/ledger/x', 'GET'))).toEqual({ ok: true });
  });

  it('shows only the permitted parts in the navigation', () => {
    expect(navAccess(investor)).toEqual({
      strategy: false,
      fund: true,
      ledger: false,
      status: false,
      admin: false,
    });
    expect(navAccess(admin)).toEqual({
      strategy: true,
      fund: true,
      ledger: true,
      status: true,
      admin: true,
    });
  });
});

describe('every page and route under app/ is classified', () => {
  const files = routeFiles().filter(
    (f) => /(page\.tsx|route\.ts)$/.test(f) && !(f in EXEMPT_ROUTE_FILES),
  );
  const params = { actor: 'alpha', exchange: 'bitstamp', currency: 'BTC', statementId: '1' };
  it.each(files)('%s', (file) => {
    const { path: p } = requestFor(file, params);
    const source = readFileSync(path.join(APP_DIR, file), 'utf8');
    const methods = file.endsWith('route.ts')
      ? [...source.matchAll(/export async function (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
          (m) => m[1],
        )
      : ['GET'];
    for (const method of methods)
      expect(matchAccessRule(p, method), `${method} ${p} needs a rule in ACCESS_RULES`).not.toBe(
        null,
      );
  });
});
