import { daysInUtcMonth, utcDate } from './calendar';

/**
 * Strict ISO 8601 for the `start` / `end` query parameters (Gryphon accepted anything
 * dateutil could guess, e.g. "June 16 2016", and dropped offsets). Accepted:
 *   2024-03-01                      a date: 00:00 UTC that day
 *   2024-03-01T13:00                to the minute
 *   2024-03-01T13:00:05.250         to the second, optional fraction (kept to the ms)
 *   ...then optionally Z, +02:00, -0500 or +02: converted to UTC; no offset means UTC.
 * A space may replace the T (Gryphon's own links used one), and a space may stand for the
 * "+" of an offset written HH:MM, because an unencoded "+" in a URL arrives as a space.
 * Lower-case t and z are accepted too.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?| \d{2}:\d{2})?)?$/;

export type IsoInstantResult = { ok: true; date: Date } | { ok: false; reason: string };

export function parseIsoInstant(text: string): IsoInstantResult {
  const m = ISO.exec(text);
  if (m === null) return { ok: false, reason: 'it is not an ISO 8601 date or date-time' };
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return { ok: false, reason: 'the month must be 01 to 12' };
  if (day < 1 || day > daysInUtcMonth(year, month - 1)) {
    return { ok: false, reason: `${y}-${mo} has no day ${d}` };
  }
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'the time must be 00:00:00 to 23:59:59' };
  }
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const offsetMinutes = parseOffset(offset);
  if (offsetMinutes === null) return { ok: false, reason: 'the UTC offset must be within ±23:59' };
  const sinceMidnight = ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
  return { ok: true, date: utcDate(year, month - 1, day, sinceMidnight) };
}

/** Minutes east of UTC; null when out of range. */
function parseOffset(offset: string | undefined): number | null {
  if (offset === undefined || offset === 'Z' || offset === 'z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}
