import { describe, expect, it } from 'vitest';
import { type LegendIcon, parseDash, swatchOf } from './legend-swatch';

const BID = 'rgb(37, 99, 235)';
const ASK = 'rgb(220, 38, 38)';
const icon = (o: Partial<LegendIcon>): LegendIcon => ({
  tag: 'path',
  className: 'recharts-legend-icon',
  fill: 'none',
  stroke: 'none',
  d: '',
  dash: 'none',
  ...o,
});
// the quality chart: bids solid with dots, asks dashed 8 4 with dots; the position chart's line
// and its range (an area) in one colour
const curves = [
  { kind: 'line' as const, stroke: BID, dash: 'none', dots: 'rgb(255, 255, 255)' },
  { kind: 'line' as const, stroke: ASK, dash: '8px, 4px', dots: 'rgb(255, 255, 255)' },
  { kind: 'area' as const, stroke: 'rgb(1, 2, 3)', dash: '2px, 1px', dots: null },
  { kind: 'line' as const, stroke: 'rgb(1, 2, 3)', dash: 'none', dots: null },
];

describe('the PNG legend swatches', () => {
  it.each([
    ['none', []],
    ['', []],
    ['0', []],
    ['8px, 4px', [8, 4]],
    ['6 3', [6, 3]],
    ['2.5px,1px', [2.5, 1]],
    ['bad', []],
  ])('dashes %j -> %j', (text, dash) => {
    expect(parseDash(text)).toEqual(dash);
  });

  it('draws a dashed series as a dashed line, not a square', () => {
    // Recharts' default line icon: an unfilled path in the series' stroke
    expect(swatchOf(icon({ stroke: ASK }), curves)).toEqual({
      kind: 'line',
      colour: ASK,
      dash: [8, 4],
      dot: 'rgb(255, 255, 255)',
    });
    // the icon with the series' symbol: a <g> whose first path is the line
    expect(swatchOf(icon({ tag: 'g', stroke: BID }), curves)).toEqual({
      kind: 'line',
      colour: BID,
      dash: [],
      dot: 'rgb(255, 255, 255)',
    });
  });

  it("takes a line's dashes before an area's of the same colour", () => {
    expect(swatchOf(icon({ stroke: 'rgb(1, 2, 3)' }), curves)).toEqual({
      kind: 'line',
      colour: 'rgb(1, 2, 3)',
      dash: [],
      dot: null,
    });
  });

  it('keeps the dashes of a plain-line icon without a drawn curve (a reference line)', () => {
    expect(swatchOf(icon({ tag: 'line', stroke: 'red', dash: '6px, 4px' }), [])).toEqual({
      kind: 'line',
      colour: 'red',
      dash: [6, 4],
      dot: null,
    });
  });

  it('draws points as a disc and bars or areas as a square', () => {
    const circle = 'M5,0A5,5,0,1,1,-5,0A5,5,0,1,1,5,0';
    expect(swatchOf(icon({ className: 'recharts-symbols', fill: BID, d: circle }), curves)).toEqual(
      { kind: 'disc', colour: BID },
    );
    expect(
      swatchOf(icon({ className: 'recharts-symbols', fill: BID, d: 'M-5,-5h10v10h-10Z' }), curves),
    ).toEqual({ kind: 'square', colour: BID });
    expect(swatchOf(icon({ fill: ASK, d: 'M0,4h32v24h-32z' }), curves)).toEqual({
      kind: 'square',
      colour: ASK,
    });
  });
});
