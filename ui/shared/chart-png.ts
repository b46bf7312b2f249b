/**
 * A drawn Recharts chart as a PNG, in the browser: each chart SVG under `root` is cloned with
 * the colours and fonts it is drawn with written onto its elements (the page's CSS and custom
 * properties do not travel with a serialized SVG), drawn on a canvas under the title and the
 * legend, then encoded. Twice the CSS pixel size, on the panel's background.
 */
const COPIED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'visibility',
] as const;
import {
  type LegendIcon,
  type SeriesCurve,
  type Swatch,
  drawSwatch,
  swatchOf,
  swatchWidth,
} from './legend-swatch';

const SCALE = 2;
const TITLE_H = 28;
const LEGEND_H = 22;

function inlined(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = COPIED.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    to[i].setAttribute('style', style);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(svgText: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the chart could not be drawn'));
    img.src = url;
  }).finally(() => URL.revokeObjectURL(url)) as Promise<HTMLImageElement>;
}

/** The legend's entries: text, and a swatch drawn as its series is (legend-swatch.ts). */
function legend(wrapper: Element): Array<{ text: string; swatch: Swatch }> {
  // A Line's dots are drawn in a layer of their own (Recharts' z-index layers), apart from its
  // curve: they are matched to it by colour.
  const dotFills = new Map<string, string>();
  for (const dot of wrapper.querySelectorAll(
    ':scope > svg .recharts-line-dots .recharts-line-dot',
  )) {
    const cs = getComputedStyle(dot);
    if (!dotFills.has(cs.stroke)) dotFills.set(cs.stroke, cs.fill);
  }
  const curves: SeriesCurve[] = [
    ...wrapper.querySelectorAll(
      ':scope > svg .recharts-line-curve, :scope > svg .recharts-area-curve',
    ),
  ].map((el) => {
    const cs = getComputedStyle(el);
    const line = el.classList.contains('recharts-line-curve');
    return {
      kind: line ? 'line' : 'area',
      stroke: cs.stroke,
      dash: cs.strokeDasharray,
      dots: line ? (dotFills.get(cs.stroke) ?? null) : null,
    };
  });
  return [...wrapper.querySelectorAll('.recharts-legend-item')].map((item) => {
    const first = item.querySelector('svg > :not(title):not(desc):not(defs)');
    const paint = first?.tagName === 'g' ? (first.querySelector('path') ?? first) : first;
    const cs = paint ? getComputedStyle(paint) : null;
    const icon: LegendIcon = {
      tag: first?.tagName ?? 'rect',
      className: paint?.getAttribute('class') ?? '',
      fill: cs?.fill ?? 'grey',
      stroke: cs?.stroke ?? 'none',
      d: paint?.getAttribute('d') ?? '',
      dash: cs?.strokeDasharray ?? 'none',
    };
    return { text: item.textContent ?? '', swatch: swatchOf(icon, curves) };
  });
}

export async function chartPng(root: HTMLElement, title: string): Promise<Blob | null> {
  const wrappers = [...root.querySelectorAll('.recharts-wrapper')];
  const charts = wrappers.flatMap((w) => {
    const svg = w.querySelector<SVGSVGElement>(':scope > svg');
    if (!svg) return [];
    const box = svg.getBoundingClientRect();
    return [{ svg, width: box.width, height: box.height, legend: legend(w) }];
  });
  if (charts.length === 0) return null;
  const width = Math.max(...charts.map((c) => c.width));
  const height =
    TITLE_H + charts.reduce((h, c) => h + c.height + (c.legend.length ? LEGEND_H : 0), 0);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * SCALE);
  canvas.height = Math.ceil(height * SCALE);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(SCALE, SCALE);
  const panel = getComputedStyle(root.closest('.panel') ?? document.body);
  ctx.fillStyle = panel.backgroundColor;
  ctx.fillRect(0, 0, width, height);
  const font = getComputedStyle(document.body).fontFamily;
  ctx.fillStyle = panel.color;
  ctx.font = `600 14px ${font}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, 8, TITLE_H / 2);
  let y = TITLE_H;
  for (const c of charts) {
    if (c.legend.length) {
      let x = 8;
      ctx.font = `12px ${font}`;
      for (const item of c.legend) {
        const w = swatchWidth(item.swatch);
        drawSwatch(ctx, item.swatch, x, y + LEGEND_H / 2);
        ctx.fillStyle = panel.color;
        ctx.fillText(item.text, x + w + 4, y + LEGEND_H / 2);
        x += w + 14 + ctx.measureText(item.text).width;
      }
      y += LEGEND_H;
    }
    const img = await loadImage(inlined(c.svg, c.width, c.height));
    ctx.drawImage(img, 0, y, c.width, c.height);
    y += c.height;
  }
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
