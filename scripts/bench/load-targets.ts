import { lastDays, lastHours, windowToQuery } from '@/lib/core/time/time-window';

export type Area = 'home' | 'fund' | 'strategy' | 'ledger';
export type Kind = 'page' | 'api' | 'csv';

export interface Target {
  path: string;
  area: Area;
  kind: Kind;
  /** The window in words, for the error listing. */
  window: string;
}

/**
 * Every dashboard a logged-in user can open, each page and its API, with the default window
 * (today, UTC) and the 1 h, 7 d and 30 d presets the window links offer, ending at `now`. The
 * ledgers' CSV exports only with the short windows (1 h and today), as a user exporting a
 * recent stretch would; a 30-day export is a bulk download, not dashboard traffic.
 */
export function listTargets(
  dashboards: { strategies: string[]; ledgers: string[] },
  now: Date,
): Target[] {
  const windows: Array<[string, string]> = [
    ['default', ''],
    ['1 h', query(lastHours(now, 1))],
    ['7 d', query(lastDays(now, 7))],
    ['30 d', query(lastDays(now, 30))],
  ];
  const out: Target[] = [{ path: '/', area: 'home', kind: 'page', window: '-' }];
  for (const [window, q] of windows) {
    const both = (area: Area, page: string, api: string) =>
      out.push(
        { path: `${page}${q}`, area, kind: 'page', window },
        { path: `${api}${q}`, area, kind: 'api', window },
      );
    both('fund', '/fund', '/api/fund');
    for (const s of dashboards.strategies) both('strategy', `/strategy/${s}`, `/api/strategy/${s}`);
    for (const l of dashboards.ledgers) {
      both('ledger', `/ledger/${l}`, `/api/ledger/${l}`);
      if (window === 'default' || window === '1 h')
        out.push({ path: `/api/ledger/${l}/csv${q}`, area: 'ledger', kind: 'csv', window });
    }
  }
  return out;
}

function query(w: { start: Date; end: Date }): string {
  const { start, end } = windowToQuery(w);
  return `?${new URLSearchParams({ start, end })}`;
}
