import ini from 'ini';
import { ConfigError } from '../core/errors';

/** Section name -> lower-cased key -> raw string value. */
export type IniSections = Record<string, Record<string, string>>;

/**
 * Parses INI text the way Gryphon's Python 2 `RawConfigParser` does. The `ini` package alone
 * disagrees with it in ways that matter here: it knows only `key = value` (Gryphon's docs use
 * `key: value`), turns `true`/`false`/`null` into non-strings, nests section names at dots,
 * strips quotes and any `;`/`#` inside values, and silently reads a garbage line as
 * `line = true`. So this tokenizer owns the grammar (and the error messages, with line
 * numbers) and hands `ini` an unambiguous `"key" = "value"` rendering in which every name and
 * value is JSON-quoted; `ini` then assembles sections (merging repeated ones, last key wins).
 *
 * Deliberate differences from RawConfigParser: comment lines may be indented; indented
 * continuation lines are joined to the previous value with one space (Python joins with a
 * newline; every value we read is a single line, so a space is what a reader expects).
 */
export function parseIni(text: string, file: string): IniSections {
  if (text.includes('\0'))
    throw new ConfigError(`${file} is not a text file (it contains NUL bytes)`);
  const sections: Array<{ name: string; entries: Array<[string, string]> }> = [];
  let current: (typeof sections)[number] | null = null;
  let lastEntry: [string, string] | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    const where = `${file} line ${index + 1}`;
    const trimmed = line.trim();
    if (trimmed === '' || /^[;#]/.test(trimmed) || /^rem(\s|$)/i.test(trimmed)) return;
    if (/^\s/.test(line) && lastEntry) {
      lastEntry[1] = `${lastEntry[1]} ${trimmed}`.trim();
      return;
    }
    const header = /^\[([^\]]+)\]/.exec(trimmed);
    if (header) {
      current = { name: header[1].trim(), entries: [] };
      sections.push(current);
      lastEntry = null;
      return;
    }
    if (trimmed.startsWith('[')) {
      // RawConfigParser would read `[strategies:x` as the key "[strategies": say what is wrong.
      throw new ConfigError(
        `${where}: section header without a closing "]": "${trimmed.slice(0, 40)}"`,
      );
    }
    const option = /^([^:=\s][^:=]*?)\s*[:=]\s*(.*)$/.exec(trimmed);
    if (!option) {
      const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}...` : trimmed;
      throw new ConfigError(
        `${where}: expected "[section]", "key: value" or "key = value", got "${shown}"`,
      );
    }
    if (!current)
      throw new ConfigError(`${where}: "${option[1]}" appears before any [section] header`);
    lastEntry = [option[1].toLowerCase(), stripInlineComment(option[2])];
    current.entries.push(lastEntry);
  });

  const normalised = sections.flatMap(({ name, entries }) => [
    // `\.` keeps ini from nesting `[strategies:a.b]` under `strategies:a`.
    `[${JSON.stringify(name.replace(/\./g, '\\.'))}]`,
    ...entries.map(([k, v]) => `${JSON.stringify(k)} = ${JSON.stringify(v)}`),
  ]);
  // bracketedArray false: `k[]` stays a literal key; a repeated key becomes an array (last wins below).
  const decoded = ini.decode(normalised.join('\n'), { bracketedArray: false }) as Record<
    string,
    Record<string, unknown>
  >;
  // No prototypes: a section or key named __proto__ or constructor is data, not a lookup.
  const out: IniSections = Object.create(null) as IniSections;
  for (const { name } of sections) {
    const values = Object.create(null) as Record<string, string>;
    const entries = Object.hasOwn(decoded, name) ? Object.entries(decoded[name] ?? {}) : [];
    for (const [k, v] of entries) values[k] = asString(v);
    out[name] = values;
  }
  return out;
}

/** RawConfigParser drops ` ;...` (a `;` after whitespace) from values; `#` is kept. */
function stripInlineComment(value: string): string {
  const cut = value.search(/\s;/);
  const v = (cut === -1 ? value : value.slice(0, cut)).trim();
  return v === '""' ? '' : v;
}

/** Undoes ini's value coercion (`true` -> true, `null` -> null, repeated key -> array). */
function asString(v: unknown): string {
  if (Array.isArray(v)) return asString(v[v.length - 1]);
  return v === null ? 'null' : String(v);
}
