/**
 * The PNG download's legend (chart-png.ts) draws each entry's swatch the way its series is drawn:
 * a line (dashed with the series' dashes, with a dot when the series marks its points), a disc
 * for points, a square for bars and areas. Decided here from what the page's legend icon and the
 * chart's series are, read from the DOM by chart-png.ts; pure, so it is tested without a browser.
 */
export type Swatch =
  /** dot: the fill of the series' point marks (a ring in the series' colour), null without. */
  | { kind: 'line'; colour: string; dash: number[]; dot: string | null }
  | { kind: 'disc'; colour: string }
  | { kind: 'square'; colour: string };

/** A Recharts legend icon: its first drawn element (for a `<g>`, its first path's paint). */
export interface LegendIcon {
  tag: string;
  className: string;
  fill: string;
  stroke: string;
  /** The `d` of a path: an arc (`A`) in a filled symbol is a circle. */
  d: string;
  /** Computed stroke-dasharray: "none" or "8px, 4px". */
  dash: string;
}

/** A drawn series' curve: a Line's or an Area's outline. */
export interface SeriesCurve {
  kind: 'line' | 'area';
  stroke: string;
  dash: string;
  /** The fill of the series' point marks (a Line with `dot`: white rings), null without. */
  dots: string | null;
}

const painted = (c: string) => c !== '' && c !== 'none' && c !== 'transparent';

/** "8px, 4px" or "8 4" -> [8, 4]; "none", "0" or nothing -> [] (solid). */
export function parseDash(text: string): number[] {
  const parts = text
    .split(/[\s,]+/)
    .filter((p) => p !== '')
    .map((p) => parseFloat(p));
  if (parts.some((n) => !Number.isFinite(n) || n < 0) || parts.every((n) => n === 0)) return [];
  return parts;
}

export function swatchOf(icon: LegendIcon, series: SeriesCurve[]): Swatch {
  const symbol = /\brecharts-symbols\b/.test(icon.className);
  const outline = icon.tag === 'line' || icon.tag === 'g' || (!symbol && !painted(icon.fill));
  if (outline) {
    const colour = painted(icon.stroke) ? icon.stroke : icon.fill;
    // the series of that colour, a line before an area (a position's line and its range share one)
    const drawn =
      series.find((s) => s.kind === 'line' && s.stroke === colour) ??
      series.find((s) => s.kind === 'area' && s.stroke === colour);
    const dash = parseDash(drawn?.dash ?? icon.dash);
    return { kind: 'line', colour, dash, dot: drawn?.dots ?? null };
  }
  const colour = painted(icon.fill) ? icon.fill : icon.stroke;
  if (symbol && /[Aa]/.test(icon.d)) return { kind: 'disc', colour };
  return { kind: 'square', colour };
}

/**
 * The swatch's width on the canvas, in CSS pixels: lines are longer, so that their dashes show on
 * both sides of a dot (the asks' 8 4 has two gaps in 30 px, at 8-12 and 20-24 px).
 */
export function swatchWidth(s: Swatch): number {
  return s.kind === 'line' ? 30 : 10;
}

/** Draws the swatch with its left edge at x, centred on y. */
export function drawSwatch(ctx: CanvasRenderingContext2D, s: Swatch, x: number, y: number): void {
  ctx.save();
  if (s.kind === 'line') {
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dash);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + swatchWidth(s), y);
    ctx.stroke();
    if (s.dot !== null) {
      // a ring, as Recharts draws a Line's dots: filled with the dot's fill, stroked in colour
      ctx.setLineDash([]);
      ctx.lineWidth = 1.5;
      ctx.fillStyle = s.dot;
      ctx.beginPath();
      ctx.arc(x + swatchWidth(s) / 2, y, 3, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  } else if (s.kind === 'disc') {
    ctx.fillStyle = s.colour;
    ctx.beginPath();
    ctx.arc(x + 5, y, 5, 0, 2 * Math.PI);
    ctx.fill();
  } else {
    ctx.fillStyle = s.colour;
    ctx.fillRect(x, y - 5, 10, 10);
  }
  ctx.restore();
}
