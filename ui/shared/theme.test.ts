import { describe, expect, it } from 'vitest';
import { parseTheme } from './theme';

describe('parseTheme', () => {
  it.each([
    ['light', 'light'],
    ['dark', 'dark'],
    ['system', 'system'],
    [undefined, 'system'],
    ['', 'system'],
    ['Dark', 'system'],
    ['__proto__', 'system'],
  ] as const)('%s → %s', (raw, theme) => expect(parseTheme(raw)).toBe(theme));
});
