'use client';

import { useState } from 'react';
import { THEME_COOKIE, THEMES, type Theme } from './theme';
import { saveThemeAction } from '@/lib/preferences/actions';

const LABEL: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const YEAR_S = 365 * 24 * 3600;

/** The page's theme now (app/globals.css) and the server's next render (the cookie). */
function applyTheme(t: Theme) {
  document.documentElement.setAttribute('data-theme', t);
  document.cookie = `${THEME_COOKIE}=${t}; path=/; max-age=${YEAR_S}; samesite=lax`;
}

/**
 * System / Light / Dark: sets data-theme on <html> at once (app/globals.css does the rest) and
 * remembers the choice in the `theme` cookie for the server's next render, and for the user
 * (lib/preferences) so that another browser starts in it.
 */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const choose = (t: Theme) => {
    setTheme(t);
    applyTheme(t);
    // Remembered for the user too (user_preference.theme), for their other browsers.
    void saveThemeAction(t).catch(() => undefined);
  };
  return (
    <div className="theme-toggle" role="group" aria-label="Colour theme" data-testid="theme-toggle">
      {THEMES.map((t) => (
        <button
          key={t}
          type="button"
          aria-pressed={theme === t}
          data-theme-choice={t}
          onClick={() => choose(t)}
        >
          {LABEL[t]}
        </button>
      ))}
    </div>
  );
}
