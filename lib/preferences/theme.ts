import 'server-only';
import { cookies } from 'next/headers';
import { parseTheme, THEME_COOKIE, type Theme } from '@/ui/shared/theme';
import { getMyPreferences } from './display';

/**
 * The theme a page is drawn in: this browser's `theme` cookie (the nav's toggle, set at once),
 * else the logged-in user's saved preference (user_preference.theme), so a new browser starts
 * in the user's theme; 'system' otherwise. A dashboards database that does not answer falls
 * back to 'system' rather than failing the page (the page itself reports the outage).
 */
export async function currentTheme(): Promise<Theme> {
  const cookie = (await cookies()).get(THEME_COOKIE)?.value;
  if (cookie !== undefined) return parseTheme(cookie);
  try {
    return (await getMyPreferences()).theme;
  } catch {
    return 'system';
  }
}

/** After the user saved a theme (/account or the toggle): this browser follows it at once. */
export async function rememberThemeCookie(theme: Theme): Promise<void> {
  (await cookies()).set(THEME_COOKIE, theme, {
    path: '/',
    maxAge: 365 * 24 * 3600,
    sameSite: 'lax',
  });
}
