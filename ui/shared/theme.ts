/**
 * The colour theme a person chose: follow the system, or always light or dark. Kept in the
 * `theme` cookie (read by the root layout on the server, so the first paint is right); the
 * per-user setting is wired to it separately.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = 'theme';

/** The cookie's value, or 'system' for a missing or unknown one. */
export function parseTheme(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system';
}
