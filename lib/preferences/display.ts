import 'server-only';
import { cache } from 'react';
import { getCurrentUser } from '../auth/session';
import { getDashboardsDb } from '../db/dashboards/client';
import { rethrowFromPools } from '../db/pool';
import { BadRequestError } from '../core/errors';
import { parseTimeZoneParam } from '../core/time/time-window';
import type { CalendarSettings } from '../core/time/presets';
import { DEFAULT_PREFERENCES, type Preferences, calendarOf } from './domain/preferences';
import { getUserPreferences } from './store';

/** The logged-in user's preferences, once per request; the defaults for no user. */
export const getMyPreferences = cache(async (): Promise<Preferences> => {
  const me = await getCurrentUser();
  if (me === null) return DEFAULT_PREFERENCES;
  const { db, pool } = getDashboardsDb();
  return getUserPreferences(db, me.uniqueId).catch((err) => rethrowFromPools(err, [pool]));
});

type Query = Record<string, string | string[] | undefined>;

/**
 * The calendar a page shows: the user's preferences, the zone replaced by the page's `tz=`. A bad
 * `tz` has been answered 400 by the parameter gate (lib/http/gates/routes.ts) before the page
 * runs; here it falls back to the preference, and the page's own parser reports it.
 */
export async function displayCalendar(query: Query): Promise<CalendarSettings> {
  let tz: string | null = null;
  try {
    tz = parseTimeZoneParam(query);
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
  }
  return calendarOf(await getMyPreferences(), tz);
}

/**
 * The page's query for the feature's request parser, `tz` set to the zone in force when the URL
 * has none. A `tz` in the URL is left as it is: a bad one must reach the parser, whose 400 names it.
 */
export function withZone(query: Query, calendar: CalendarSettings): Query {
  const given = query.tz;
  if (given !== undefined && given !== '') return query;
  return { ...query, tz: calendar.zone };
}

/**
 * The user's display zone for a page without a window or `tz=` (status, alerts, their logs):
 * undefined (UTC) when the preferences cannot be read, so an outage of the dashboards database
 * is reported by the page's own data, not by its time format.
 */
export async function displayZone(): Promise<string | undefined> {
  try {
    return (await displayCalendar({})).zone;
  } catch {
    return undefined;
  }
}
