/**
 * Drawdowns of a level series (cumulative P&L in money, or a return index), with levels[0]
 * the level at the window's start and levels[k] the level at the end of day k. Generic over
 * bigint (exact money) and number (an index): the caller gives the order and the depth.
 *
 * An episode starts when the level falls below its running peak, reaches its trough (the
 * lowest level, first one on ties) and ends on the first boundary back at or above the peak
 * (recovered), or runs to the window's end (not recovered).
 */
export interface DrawdownEpisode<D> {
  /** Boundary indices: the peak before the fall, the trough, and the recovery or null. */
  peak: number;
  trough: number;
  recovery: number | null;
  /** depth(peak level, trough level): positive. */
  depth: D;
}

export function drawdownEpisodes<T, D>(
  levels: readonly T[],
  cmp: (a: T, b: T) => number,
  depth: (peak: T, trough: T) => D,
): Array<DrawdownEpisode<D>> {
  const out: Array<DrawdownEpisode<D>> = [];
  if (levels.length === 0) return out;
  let peak = 0;
  let open: { peak: number; trough: number } | null = null;
  for (let k = 1; k < levels.length; k++) {
    if (cmp(levels[k], levels[peak]) >= 0) {
      if (open) {
        out.push({ ...open, recovery: k, depth: depth(levels[open.peak], levels[open.trough]) });
        open = null;
      }
      peak = k;
    } else if (!open) {
      open = { peak, trough: k };
    } else if (cmp(levels[k], levels[open.trough]) < 0) {
      open.trough = k;
    }
  }
  if (open)
    out.push({ ...open, recovery: null, depth: depth(levels[open.peak], levels[open.trough]) });
  return out;
}

/** The deepest episode (the earliest of equal ones), or null when the series never fell. */
export function maxDrawdown<D>(
  episodes: ReadonlyArray<DrawdownEpisode<D>>,
  cmpDepth: (a: D, b: D) => number,
): DrawdownEpisode<D> | null {
  let worst: DrawdownEpisode<D> | null = null;
  for (const e of episodes) if (worst === null || cmpDepth(e.depth, worst.depth) > 0) worst = e;
  return worst;
}

/** Underwater curve: under(level, running peak) at every boundary (0 at a peak). */
export function underwater<T, U>(
  levels: readonly T[],
  cmp: (a: T, b: T) => number,
  under: (level: T, peak: T) => U,
): U[] {
  const out: U[] = [];
  let peak: T | undefined;
  for (const l of levels) {
    if (peak === undefined || cmp(l, peak) > 0) peak = l;
    out.push(under(l, peak));
  }
  return out;
}

export const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
export const cmpNum = (a: number, b: number): number => a - b;
