'use client';

import { useId, useRef, useState, type ReactNode } from 'react';
import { chartPng } from './chart-png';
import { formatUtcDateTime } from '@/lib/core/time/calendar';

/** What a chart draws, as text: one row per drawn point, each cell as shown (ui/shared/format.ts). */
export interface ChartTable {
  columns: string[];
  rows: string[][];
  /**
   * The instant each row stands for (a bucket's start), epoch ms: the CSV appends it as a last
   * column `time_utc`, ISO 8601, for programs (the row's own time column is as the page shows it,
   * in the display zone). Not in the data table.
   */
  times?: number[];
}

/**
 * RFC 4180: quote a cell holding a comma, a quote or a line break. With `times`, a last column
 * `time_utc` ("2026-03-08T05:00:00Z").
 */
export function toCsv(table: ChartTable): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const times = table.times;
  const lines = times
    ? [
        [...table.columns, 'time_utc'],
        ...table.rows.map((r, i) => [...r, times[i] === undefined ? '' : isoUtc(times[i])]),
      ]
    : [table.columns, ...table.rows];
  return lines.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

const isoUtc = (ms: number) => formatUtcDateTime(new Date(ms));

/** "Net assets (USD)" → "net-assets-usd": the downloads' file names. */
export function fileName(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'chart'
  );
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A chart with what it needs beside the drawing: "Download PNG" (the chart's SVG drawn on a
 * canvas), "Download CSV" of the rows the chart was given, and the same rows as a table under
 * "Data table" (the chart's text alternative; built only when opened, a window can hold
 * thousands of points). `table` is called when needed.
 */
export function ChartFrame({
  title,
  table,
  children,
}: {
  /** What the chart shows; its accessible name and the downloads' file name. */
  title: string;
  table: () => ChartTable;
  children: ReactNode;
}) {
  const drawing = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const captionId = useId();
  const base = fileName(title);
  const shown = open ? table() : null;
  return (
    <figure className="chart-frame" aria-labelledby={captionId} data-chart={base}>
      <figcaption id={captionId} className="sr-only">
        {title} (chart; its numbers are in the data table below it)
      </figcaption>
      <div className="chart-actions">
        <button
          type="button"
          disabled={busy}
          data-testid="download-png"
          onClick={async () => {
            if (!drawing.current) return;
            setBusy(true);
            try {
              const png = await chartPng(drawing.current, title);
              if (png) save(png, `${base}.png`);
            } finally {
              setBusy(false);
            }
          }}
        >
          Download PNG
        </button>
        <button
          type="button"
          data-testid="download-csv"
          onClick={() => save(new Blob([toCsv(table())], { type: 'text/csv' }), `${base}.csv`)}
        >
          Download CSV
        </button>
      </div>
      <div ref={drawing}>{children}</div>
      <details className="chart-data" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Data table</summary>
        {shown && (
          <div className="table-scroll">
            <table className="data" data-testid="chart-data-table">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  {shown.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((v, j) => (
                      <td key={j}>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.rows.length === 0 && <p className="muted">Nothing drawn.</p>}
          </div>
        )}
      </details>
    </figure>
  );
}
