'use client';

import { Children, isValidElement, useState, type ReactElement, type ReactNode } from 'react';
import { compareCells, textOf } from './sort-values';

export interface SortColumn {
  label: ReactNode;
  /** Right-aligned, sorted by the number in its text ("USD -1,234.50" → -1234.5). */
  num?: boolean;
  /** False for a column of controls. */
  sortable?: boolean;
}

type Row = ReactElement<{ children?: ReactNode }>;
type Cell = ReactElement<{ children?: ReactNode; 'data-sort'?: string | number }>;

/**
 * A table whose headers sort it: the page renders its rows (<tr> elements) as usual and passes
 * them as children; a click or Enter/Space on a header's button sorts by that column, again
 * to reverse, a third time back to the page's order. `aria-sort` on the header says how. A
 * cell's `data-sort` (a number or string) is used instead of its text when given.
 */
export function SortableTable({
  columns,
  children,
  testId,
  className = 'data',
}: {
  columns: SortColumn[];
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const [sort, setSort] = useState<{ col: number; dir: 1 | -1 } | null>(null);
  const rows = Children.toArray(children).filter(isValidElement) as Row[];
  let shown = rows;
  if (sort) {
    const key = (row: Row) => {
      const cell = (Children.toArray(row.props.children).filter(isValidElement) as Cell[])[
        sort.col
      ];
      if (!cell) return '';
      return cell.props['data-sort'] ?? textOf(cell.props.children);
    };
    const keyed = rows.map((row, i) => ({ row, i, k: key(row) }));
    keyed.sort(
      (a, b) => sort.dir * compareCells(a.k, b.k, columns[sort.col]?.num ?? false) || a.i - b.i,
    );
    shown = keyed.map((x) => x.row);
  }
  const next = (col: number) =>
    setSort((s) =>
      s === null || s.col !== col ? { col, dir: 1 } : s.dir === 1 ? { col, dir: -1 } : null,
    );
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => {
            const state =
              sort?.col === i ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined;
            return (
              <th key={i} className={c.num ? 'num' : undefined} aria-sort={state} scope="col">
                {c.sortable === false ? (
                  c.label
                ) : (
                  <button type="button" className="sort-button" onClick={() => next(i)}>
                    {c.label}
                  </button>
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{shown}</tbody>
    </table>
  );
}
