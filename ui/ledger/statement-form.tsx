'use client';

import { useState } from 'react';
import { mappedColumns, type StatementMapping } from '@/lib/ledger/domain/statement';
import { detectPreset, guessMapping } from '@/lib/ledger/domain/statement-presets';
import styles from './ledger.module.css';

const FIELDS: Array<{
  key: keyof Omit<StatementMapping, 'negate' | 'layout'>;
  name: string;
  label: string;
  required: boolean;
}> = [
  { key: 'time', name: 'map_time', label: 'Time (UTC unless it has an offset)', required: true },
  {
    key: 'amount',
    name: 'map_amount',
    label: 'Amount (signed, + = credit; or credit and debit below)',
    required: false,
  },
  {
    key: 'credit',
    name: 'map_credit',
    label: 'Credit column (instead of amount)',
    required: false,
  },
  { key: 'debit', name: 'map_debit', label: 'Debit column (instead of amount)', required: false },
  { key: 'currency', name: 'map_currency', label: 'Currency', required: false },
  { key: 'type', name: 'map_type', label: 'Type', required: false },
  {
    key: 'externalId',
    name: 'map_external_id',
    label: 'External id (trade / transfer id)',
    required: false,
  },
  {
    key: 'externalIdFallback',
    name: 'map_external_id_fallback',
    label: 'Id when that is blank (e.g. transfer id)',
    required: false,
  },
  { key: 'fee', name: 'map_fee', label: 'Fee (charged on top)', required: false },
];

/** A Bitstamp statement's further columns (one line is a trade's two or three movements). */
const LAYOUT_FIELDS: Array<{
  key: 'value' | 'valueCurrency' | 'feeCurrency' | 'side';
  name: string;
  label: string;
  required: boolean;
}> = [
  {
    key: 'value',
    name: 'map_value',
    label: 'Value (a trade’s price-currency amount)',
    required: true,
  },
  { key: 'valueCurrency', name: 'map_value_currency', label: 'Value currency', required: false },
  { key: 'feeCurrency', name: 'map_fee_currency', label: 'Fee currency', required: false },
  { key: 'side', name: 'map_side', label: 'Side of a trade (Buy / Sell)', required: true },
];

/** First lines of a CSV text, split on the delimiter its header uses most (quotes respected). */
function previewLines(text: string, lines = 4): string[][] {
  const head = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, lines);
  const delimiter = [',', ';', '\t'].sort(
    (a, b) => (head[0] ?? '').split(b).length - (head[0] ?? '').split(a).length,
  )[0];
  return head.map((line) => {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '"' && line[i + 1] === '"' && quoted) [cur, i] = [cur + '"', i + 1];
      else if (ch === '"') quoted = !quoted;
      else if (ch === delimiter && !quoted) [cells[cells.length], cur] = [cur, ''];
      else cur += ch;
    }
    cells.push(cur);
    return cells.map((c) => c.trim());
  });
}

/**
 * Upload form: reads the chosen file's header in the browser and offers its columns for the
 * mapping, preset from the account's remembered mapping (or a guess from the column names).
 * Without JavaScript the mapping fields are plain text inputs holding the remembered mapping.
 */
export function LedgerStatementForm({
  action,
  remembered,
  maxMb,
}: {
  action: string;
  remembered: StatementMapping | null;
  maxMb: number;
}) {
  const [header, setHeader] = useState<string[] | null>(null);
  const [preview, setPreview] = useState<string[][]>([]);
  const [mapping, setMapping] = useState<StatementMapping | null>(remembered);
  const [problem, setProblem] = useState<string | null>(null);
  const [recognised, setRecognised] = useState<{ label: string; used: boolean } | null>(null);

  async function onFile(file: File | undefined) {
    setProblem(null);
    if (!file) return;
    if (file.size > maxMb * 1048576)
      setProblem(`The file is larger than ${maxMb} MB: split it by date.`);
    const lines = previewLines((await file.slice(0, 64 * 1024).text()).replace(/^\uFEFF/, ''));
    const cols = lines[0] ?? [];
    setHeader(cols);
    setPreview(lines.slice(1));
    // The account's last mapping when the file has its columns (the user may have changed a
    // preset's), else the preset the header fits, else a guess from the column names.
    const fits = remembered && mappedColumns(remembered).every((c) => cols.includes(c));
    const preset = detectPreset(cols);
    setRecognised(preset && { label: preset.preset.label, used: !fits });
    setMapping(fits ? remembered : guessMapping(cols));
  }

  return (
    <form method="post" action={action} encType="multipart/form-data" data-testid="statement-form">
      <label>
        Statement (CSV, up to {maxMb} MB){' '}
        <input
          type="file"
          name="file"
          accept=".csv,text/csv,text/plain"
          required
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
      {problem && <div className="alert error">{problem}</div>}
      {header && preview.length > 0 && (
        <div className="panel">
          <table className={`data ${styles.preview}`}>
            <thead>
              <tr>
                {header.map((h, i) => (
                  <th key={i}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {recognised && (
        <p className="muted" data-testid="statement-preset">
          Recognised: <strong>{recognised.label}</strong>
          {recognised.used
            ? ' — its columns are chosen below; change any of them if your file differs.'
            : ' — the columns of this account’s last upload are chosen below.'}
        </p>
      )}
      {header && !recognised && (
        <p className="muted" data-testid="statement-preset">
          No known statement format: the columns below are guessed from their names; check them.
        </p>
      )}
      <div className={styles.mapping} key={header ? header.join('\u0000') : 'none'}>
        {FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            {header ? (
              <select
                name={f.name}
                defaultValue={mapping?.[f.key] ?? ''}
                required={f.required}
                data-field={f.key}
              >
                {!f.required && <option value="">(none)</option>}
                {header.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type="text"
                name={f.name}
                defaultValue={mapping?.[f.key] ?? ''}
                required={f.required}
                placeholder="column name"
                data-field={f.key}
              />
            )}
          </label>
        ))}
        {mapping?.layout && (
          <>
            <input type="hidden" name="map_layout" value={mapping.layout.kind} />
            {LAYOUT_FIELDS.map((f) => (
              <label key={f.key}>
                {f.label}
                {header ? (
                  <select
                    name={f.name}
                    defaultValue={mapping.layout?.[f.key] ?? ''}
                    required={f.required}
                    data-field={f.key}
                  >
                    {!f.required && <option value="">(none)</option>}
                    {header.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    type="text"
                    name={f.name}
                    defaultValue={mapping.layout?.[f.key] ?? ''}
                    required={f.required}
                    placeholder="column name"
                    data-field={f.key}
                  />
                )}
              </label>
            ))}
          </>
        )}
        <label>
          Sign
          <span>
            <input type="checkbox" name="negate" defaultChecked={mapping?.negate ?? false} /> debits
            are positive in this file
          </span>
        </label>
      </div>
      <button type="submit" className={styles.button}>
        Upload and reconcile
      </button>
    </form>
  );
}
