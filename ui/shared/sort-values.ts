import { isValidElement, type ReactNode } from 'react';

/** The text a cell shows: strings and numbers of its children, depth first. */
export function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint')
    return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

/** The first number in a formatted cell: "USD -1,234.50" → -1234.5, "12.5%" → 12.5; NaN if none. */
export function numberIn(text: string): number {
  const m = /[-−]?\d[\d,]*(?:\.\d+)?|[-−]?\.\d+/.exec(text);
  return m ? Number(m[0].replace(/,/g, '').replace('−', '-')) : NaN;
}

/**
 * Order of two cells' sort keys: numbers (given, or read from the text of a numeric column)
 * ascending, cells without a number last; text in natural order ("a2" before "a10").
 */
export function compareCells(a: string | number, b: string | number, numeric: boolean): number {
  if (numeric || (typeof a === 'number' && typeof b === 'number')) {
    const x = typeof a === 'number' ? a : numberIn(a);
    const y = typeof b === 'number' ? b : numberIn(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return x - y;
  }
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}
