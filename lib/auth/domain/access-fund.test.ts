import { describe, expect, it } from 'vitest';
import { classifyRequest, decideAccess, mayOpenArea, navAccess, type Principal } from './access';

const member = (scope: Principal['scope']): Principal => ({ role: 'MEMBER', scope });

describe('the fund and scopes that limit accounts or strategies', () => {
  it.each<[Principal['scope'], boolean]>([
    [{}, true],
    [{ pages: ['fund'] }, true],
    [{ pages: ['fund', 'ledger'], accounts: ['A'] }, true],
    [{ accounts: ['A'] }, false],
    [{ strategies: ['S'] }, false],
    [{ pages: ['strategy'], strategies: ['S'] }, false],
    [{ accounts: [] }, false],
  ])('scope %j opens the fund: %s', (scope, open) => {
    expect(mayOpenArea(member(scope), 'fund')).toBe(open);
    expect(navAccess(member(scope)).fund).toBe(open);
    for (const path of ['/fund', '/fund/report', '/api/fund', '/api/fund/report'])
      expect(decideAccess(member(scope), classifyRequest(path, 'GET')).ok, path).toBe(open);
  });

  it('says why in the refusal, and leaves the other dashboards as they were', () => {
    const p = member({ accounts: ['A'] });
    expect(decideAccess(p, classifyRequest('/api/fund', 'GET'))).toEqual({
      ok: false,
      message:
        'Forbidden: the fund dashboard is outside what your account may see (accounts: A). Ask an administrator if you need it.',
    });
    expect(mayOpenArea(p, 'ledger')).toBe(true);
    expect(mayOpenArea(p, 'strategy')).toBe(true);
    expect(mayOpenArea({ role: 'ADMIN', scope: { accounts: [] } }, 'fund')).toBe(true);
  });
});
