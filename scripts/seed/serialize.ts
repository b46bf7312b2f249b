/**
 * Row batches as bytes for MariaDB: tab-separated text for LOAD DATA LOCAL INFILE, or a
 * multi-row INSERT. Values are already exact strings (decimals, UTC datetimes, JSON).
 */
import { SEED_COLUMNS, TEXT_COLUMNS, type Row, type SeedTable } from '@/lib/seed/rows';

/** Per table, which columns may need escaping (see TEXT_COLUMNS). */
export const TEXT_MASK = Object.fromEntries(
  Object.entries(SEED_COLUMNS).map(([table, cols]) => [
    table,
    cols.map((c) => TEXT_COLUMNS[table as SeedTable].includes(c)),
  ]),
) as Record<SeedTable, boolean[]>;

/** Characters LOAD DATA treats specially with `ESCAPED BY '\\'`. */
const TSV_SPECIAL = /[\\\t\n\r\0]/;
const TSV_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
};

function tsvValue(v: string | null): string {
  if (v === null) return '\\N';
  return TSV_SPECIAL.test(v) ? v.replace(/[\\\t\n\r\0]/g, (c) => TSV_ESCAPES[c]) : v;
}

/** Tab-separated lines; only the columns flagged in `text` are checked for special characters. */
export function toTsv(rows: Row[], text: readonly boolean[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      const cell = v === null ? '\\N' : text[i] ? tsvValue(v) : v;
      out += i === 0 ? cell : '\t' + cell;
    }
    out += '\n';
  }
  return out;
}

export function loadDataSql(table: string, columns: readonly string[]): string {
  return (
    `LOAD DATA LOCAL INFILE 'seed.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ` +
    `(${columns.map((c) => `\`${c}\``).join(', ')})`
  );
}

const SQL_SPECIAL = /[\\'\0\n\r\x1a]/;

function sqlValue(v: string | null): string {
  if (v === null) return 'NULL';
  if (!SQL_SPECIAL.test(v)) return `'${v}'`;
  return `'${v.replace(/[\\'\0\n\r\x1a]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\0': '\\0', '\n': '\\n', '\r': '\\r', '\x1a': '\\Z' })[c] as string)}'`;
}

export function insertSql(table: string, columns: readonly string[], rows: Row[]): string {
  const values = rows.map((row) => `(${row.map(sqlValue).join(',')})`).join(',\n');
  return `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES\n${values}`;
}
