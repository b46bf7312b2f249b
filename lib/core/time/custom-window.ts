import { canonicalTimeZone } from './zone';
import { parseWallInput } from './wall-input';
import { formatZonedIso } from './zoned-calendar';

/**
 * The Custom… form in a display zone other than UTC (ui/shared/window-control.tsx) is a GET form
 * to /api/window, which answers with a redirect to the page: its datetime-local fields hold the
 * zone's wall clock, and the page's `start`/`end` read a value without an offset as UTC (so that
 * a shared link means the same window to everyone). Here the wall times become ISO 8601 with the
 * zone's offset, the way every window link is written; works without JavaScript.
 *
 * The form's own fields: `_path` (the page), `_zone` (the display zone), `start`, `end` (wall
 * times, wall-input.ts), `_start_offset`, `_end_offset` (minutes east of UTC of the window shown,
 * deciding a repeated wall time). Every other parameter is the page's, passed on as it came
 * (`cursor` excepted: a new window restarts pagination). Whether the window is valid (end after
 * start, at most 10 years) is for the page to say, with its own message.
 */
export type CustomWindowResult =
  { ok: true; location: string } | { ok: false; param: string; message: string; example: string };

type Query = Record<string, string | string[] | undefined>;

const OWN = ['_path', '_zone', '_start_offset', '_end_offset', 'start', 'end'] as const;

/** A path on this site: no scheme, no `//host`, no backslash, no query or fragment. */
const PATH = /^\/(?!\/)[A-Za-z0-9\-._~%/]*$/;

export function customWindowLocation(q: Query): CustomWindowResult {
  const own: Partial<Record<(typeof OWN)[number], string>> = {};
  for (const name of OWN) {
    const v = Object.hasOwn(q, name) ? q[name] : undefined;
    if (Array.isArray(v)) return bad(name, `${name} is given ${v.length} times; give it once`);
    if (typeof v === 'string') own[name] = v;
  }
  const path = own._path ?? '';
  if (!PATH.test(path) || path.length > 512)
    return bad('_path', `_path must be a path on this site, such as /fund`);
  const zone = canonicalTimeZone(own._zone ?? '');
  if (zone === null) return bad('_zone', `_zone must be UTC or an IANA time zone name`);
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(q)) {
    if ((OWN as readonly string[]).includes(name) || name === 'cursor') continue;
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string') out.append(name, v);
  }
  for (const param of ['start', 'end'] as const) {
    const offsetText = own[`_${param}_offset`];
    if (offsetText !== undefined && offsetText !== '' && !/^[+-]?\d{1,4}$/.test(offsetText))
      return bad(`_${param}_offset`, `_${param}_offset must be minutes east of UTC, e.g. -300`);
    const text = (own[param] ?? '').trim();
    if (text === '') continue; // the page's default, as a missing parameter
    const parsed = parseWallInput(zone, text, offsetText ? Number(offsetText) : undefined);
    if (!parsed.ok)
      return bad(param, `Invalid ${param} "${text.slice(0, 40)}": ${parsed.reason} in ${zone}`);
    out.set(param, formatZonedIso(zone, parsed.date));
  }
  // ':' is legal in a query string; unescaped, the URL stays readable (as windowHref's).
  const query = out.toString().replace(/%3A/gi, ':');
  return { ok: true, location: query ? `${path}?${query}` : path };
}

function bad(param: string, message: string): CustomWindowResult {
  const examples: Record<string, string> = {
    _path: '/fund',
    _zone: 'America/New_York',
    start: '2026-03-08T00:00',
    end: '2026-03-09T00:00',
  };
  return { ok: false, param, message, example: examples[param] ?? '-300' };
}
