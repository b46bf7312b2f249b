import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './redirect';

describe('safeCallbackPath', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/fund?start=2024-01-01', '/fund?start=2024-01-01'],
    ['/strategy/simple_mm#graph', '/strategy/simple_mm#graph'],
    ['http://localhost/ledger/bmo_usd', '/ledger/bmo_usd'],
    ['https://evil.example/phish', '/'],
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/login?callbackUrl=/x', '/'],
    ['/api/auth/signout', '/'],
  ])('%s -> %s', (raw, expected) => {
    expect(safeCallbackPath(raw as string | undefined, 'http://localhost')).toBe(expected);
  });
});
