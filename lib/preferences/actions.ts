'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '../auth/session';
import { DatabaseUnreachableError } from '../core/errors';
import { getDashboardsDb } from '../db/dashboards/client';
import { rethrowFromPools } from '../db/pool';
import { type Preferences, parsePreferencesForm } from './domain/preferences';
import { getUserPreferences, saveUserPreferences } from './store';
import { rememberThemeCookie } from './theme';

/** The shape ui/admin/action-form.tsx shows next to its button. */
type Answer = { ok: boolean; message: string } | null;

const FIELDS: ReadonlyArray<keyof Preferences> = [
  'timeZone',
  'weekStart',
  'fiscalYearStartMonth',
  'theme',
];

/**
 * The nav's theme toggle: saves the choice for the user (user_preference.theme) besides this
 * browser's cookie, so the next browser they log in from starts in it. Best effort: a failure
 * leaves the cookie, which the toggle has set already.
 */
export async function saveThemeAction(theme: string): Promise<void> {
  const form = new FormData();
  form.set('theme', theme);
  await savePreferencesAction(null, form).catch(() => undefined);
}

/**
 * /account's preferences form (ui/account/preferences-form.tsx): the user's own row only. A field
 * left out of the form keeps its saved value, so the dark-mode toggle may post `theme` alone.
 */
export async function savePreferencesAction(_: Answer, form: FormData): Promise<Answer> {
  const me = await requireUser();
  const fields: Partial<Record<keyof Preferences, string>> = {};
  for (const name of FIELDS) {
    const v = form.get(name);
    if (typeof v === 'string') fields[name] = v;
  }
  const { db, pool } = getDashboardsDb();
  try {
    const current = await getUserPreferences(db, me.uniqueId);
    const parsed = parsePreferencesForm(fields, current);
    if (!parsed.ok) return { ok: false, message: `Refused: ${parsed.message}.` };
    const saved = await saveUserPreferences(db, me.uniqueId, parsed.preferences, new Date());
    if (!saved) return { ok: false, message: 'Refused: this account no longer exists.' };
    // This browser's cookie follows the saved theme (it is what the layout reads first).
    if (fields.theme !== undefined) await rememberThemeCookie(parsed.preferences.theme);
    // React resets the form after the action: re-render /account so it resets to the saved values
    revalidatePath('/account');
    const p = parsed.preferences;
    return {
      ok: true,
      message: `Saved: times in ${p.timeZone}, weeks from ${p.weekStart === 'monday' ? 'Monday' : 'Sunday'}, fiscal year from month ${p.fiscalYearStartMonth}.`,
    };
  } catch (err) {
    return rethrowFromPools(err, [pool]).catch((e: unknown) => {
      if (e instanceof DatabaseUnreachableError) {
        return { ok: false, message: `Not saved: ${e.message}. Try again shortly.` };
      }
      throw e;
    });
  }
}
