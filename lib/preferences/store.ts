import { eq, sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { user, userPreference } from '../db/dashboards/schema';
import type * as schema from '../db/dashboards/schema';
import { type Preferences, preferencesFromRow } from './domain/preferences';

type Db = MySql2Database<typeof schema>;

/** The user's preferences (by the session's unique_id); the defaults when none are saved. */
export async function getUserPreferences(db: Db, uniqueId: string): Promise<Preferences> {
  const rows = await db
    .select({
      timeZone: userPreference.timeZone,
      weekStart: userPreference.weekStart,
      fiscalYearStartMonth: userPreference.fiscalYearStartMonth,
      theme: userPreference.theme,
    })
    .from(userPreference)
    .innerJoin(user, eq(user.userId, userPreference.userId))
    .where(eq(user.uniqueId, uniqueId))
    .limit(1);
  return preferencesFromRow(rows[0] ?? null);
}

/** Insert or replace the user's row; false when the user no longer exists. */
export async function saveUserPreferences(
  db: Db,
  uniqueId: string,
  p: Preferences,
  now: Date,
): Promise<boolean> {
  const [found] = await db
    .select({ userId: user.userId })
    .from(user)
    .where(eq(user.uniqueId, uniqueId))
    .limit(1);
  if (!found) return false;
  const values = {
    timeZone: p.timeZone,
    weekStart: p.weekStart,
    fiscalYearStartMonth: p.fiscalYearStartMonth,
    theme: p.theme,
    timeUpdated: now,
  };
  await db
    .insert(userPreference)
    .values({ userId: found.userId, ...values })
    .onDuplicateKeyUpdate({
      set: {
        timeZone: sql`VALUES(time_zone)`,
        weekStart: sql`VALUES(week_start)`,
        fiscalYearStartMonth: sql`VALUES(fiscal_year_start_month)`,
        theme: sql`VALUES(theme)`,
        timeUpdated: sql`VALUES(time_updated)`,
      },
    });
  return true;
}
