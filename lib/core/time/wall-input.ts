import { MINUTE_MS, daysInUtcMonth, formatUtcDateTime, utcDate } from './calendar';
import { UTC, instantOfWall, offsetMinutes, wallTime } from './zone';

/**
 * The window control's Custom… fields (issue 15): an `<input type="datetime-local">` holds a wall
 * clock with no zone, "2026-03-08T01:30". Shown and read in the display zone, so that a person in
 * New York types New York times. Two wall times are not one instant each:
 * - skipped (02:30 on New York's spring-forward day): read as Temporal's 'compatible' rule, moved
 *   on by the gap, 03:30 EDT (zone.ts instantOfWall);
 * - repeated (01:30 on the fall-back day happens in EDT, then in EST): the offset the field was
 *   showing when the person did not change it (the form sends it beside the value), else the
 *   earlier instant, EDT.
 */

/** "2026-03-08T00:00" (seconds added when not zero): the zone's wall clock of the instant. */
export function formatWallInput(zone: string, d: Date): string {
  const iso = formatUtcDateTime(new Date(wallTime(zone, d.getTime())));
  const seconds = iso.slice(17, 19);
  return seconds === '00' && iso.length === 20 ? iso.slice(0, 16) : iso.slice(0, 19);
}

/** "2026-03-08 03:30:00": the zone's wall clock to the second (a spreadsheet's date-time). */
export function formatWallDateTime(zone: string, d: Date): string {
  const iso = formatUtcDateTime(new Date(wallTime(zone, d.getTime())));
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

export type WallInputResult =
  { ok: true; date: Date; kind: 'exact' | 'skipped' | 'repeated' } | { ok: false; reason: string };

/**
 * A datetime-local value read in the zone. `preferredOffset` (minutes east of UTC) picks between
 * the two instants of a repeated wall time; ignored when it is not one of them.
 */
export function parseWallInput(
  zone: string,
  text: string,
  preferredOffset?: number,
): WallInputResult {
  const m = WALL.exec(text);
  if (m === null) return { ok: false, reason: 'it is not a date and time YYYY-MM-DDTHH:MM' };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (month < 1 || month > 12) return { ok: false, reason: 'the month must be 01 to 12' };
  if (day < 1 || day > daysInUtcMonth(year, month - 1))
    return { ok: false, reason: `${m[1]}-${m[2]} has no day ${m[3]}` };
  if (hour > 23 || minute > 59 || second > 59)
    return { ok: false, reason: 'the time must be 00:00 to 23:59' };
  const wall = utcDate(year, month - 1, day, ((hour * 60 + minute) * 60 + second) * 1000 + ms);
  const instants = instantsOfWall(zone, wall.getTime());
  if (instants.length === 0)
    return { ok: true, date: new Date(instantOfWall(zone, wall.getTime())), kind: 'skipped' };
  if (instants.length === 1) return { ok: true, date: new Date(instants[0]), kind: 'exact' };
  const preferred = instants.find(
    (t) => preferredOffset !== undefined && offsetMinutes(zone, t) === preferredOffset,
  );
  return { ok: true, date: new Date(preferred ?? instants[0]), kind: 'repeated' };
}

/** Every instant whose wall clock in the zone is `wall`, earliest first (0, 1 or 2 of them). */
export function instantsOfWall(zone: string, wall: number): number[] {
  if (zone === UTC) return [wall];
  const H15 = 15 * 60 * MINUTE_MS;
  const offsets = new Set([wall - H15, wall, wall + H15].map((t) => offsetMinutes(zone, t)));
  return [...offsets]
    .map((o) => wall - o * MINUTE_MS)
    .filter((t) => wallTime(zone, t) === wall)
    .sort((a, b) => a - b);
}
