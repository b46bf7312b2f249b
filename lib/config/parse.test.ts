import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors';
import { parseIni } from './parse';

const parse = (lines: string[]) => parseIni(lines.join('\n'), 'dashboard.conf');

describe('parseIni', () => {
  it.each<[string, string[], Record<string, Record<string, string>>]>([
    [
      'colon and equals separators',
      ['[s]', 'a: 1', 'b = 2', 'c=3', 'd:4'],
      { s: { a: '1', b: '2', c: '3', d: '4' } },
    ],
    [
      'the first : or = separates',
      ['[s]', 'url = http://x/?a=b', 'e: a=b'],
      { s: { url: 'http://x/?a=b', e: 'a=b' } },
    ],
    [
      'keys are lower-cased, sections keep case',
      ['[Strategies:MM]', 'Display_NAME: X'],
      { 'Strategies:MM': { display_name: 'X' } },
    ],
    [
      'comments and blank lines',
      ['; c', '# c', '', '[s]', '  ; indented', 'rem old style', 'a: 1'],
      { s: { a: '1' } },
    ],
    [
      'inline " ;" comments are cut, "#" is kept',
      ['[s]', 'a: 1 ; note', 'b: x;y', 'c: #1'],
      { s: { a: '1', b: 'x;y', c: '#1' } },
    ],
    [
      'continuation lines are joined with a space',
      ['[s]', 'name: Simple', '  Market', '\tMaking', 'b: 2'],
      { s: { name: 'Simple Market Making', b: '2' } },
    ],
    [
      'values stay strings',
      ['[s]', 'a: true', 'b: null', 'c: "quoted"', "d: 'q'", 'e: [x]', 'f: ""'],
      {
        s: { a: 'true', b: 'null', c: '"quoted"', d: "'q'", e: '[x]', f: '' },
      },
    ],
    [
      'dots in section names do not nest',
      ['[strategies:mm.v2]', 'a: 1', '[strategies:mm]', 'b: 2'],
      {
        'strategies:mm.v2': { a: '1' },
        'strategies:mm': { b: '2' },
      },
    ],
    [
      'repeated sections merge, the last key wins',
      ['[s]', 'a: 1', 'b: 1', 'b: 3', '[t]', 'a: 9', '[s]', 'a: 2'],
      { s: { a: '2', b: '3' }, t: { a: '9' } },
    ],
    ['CRLF line ends and a BOM', ['\uFEFF[s]\r', 'a: 1\r', 'b: 2'], { s: { a: '1', b: '2' } }],
    [
      'keys with spaces and brackets',
      ['[s]', 'two words: x', 'arr[]: y'],
      { s: { 'two words': 'x', 'arr[]': 'y' } },
    ],
  ])('%s', (_name, lines, expected) => {
    expect(parse(lines)).toEqual(expected);
  });

  it.each<[string, string[] | string, RegExp]>([
    [
      'a key before any section',
      ['a: 1', '[s]'],
      /^dashboard\.conf line 1: "a" appears before any \[section\] header$/,
    ],
    [
      'a line with no separator',
      ['[s]', 'a: 1', 'just words'],
      /^dashboard\.conf line 3: expected "\[section\]", "key: value" or "key = value", got "just words"$/,
    ],
    [
      'an unclosed header',
      ['[strategies:a', 'b: 1'],
      /^dashboard\.conf line 1: section header without a closing "\]": "\[strategies:a"$/,
    ],
    [
      'JSON',
      ['{"strategies": {"a": 1}}'],
      /^dashboard\.conf line 1: "\{"strategies"" appears before any \[section\]/,
    ],
    [
      'prose',
      ['This is not a configuration file at all, it is a long sentence.'],
      /line 1: expected .* got "This is not a configuration file at all,\.\.\."$/,
    ],
    ['binary', 'PK\u0003\u0004\u0000\u0000garbage', /^dashboard\.conf is not a text file/],
  ])('rejects %s', (_name, input, expected) => {
    const text = Array.isArray(input) ? input.join('\n') : input;
    expect(() => parseIni(text, 'dashboard.conf')).toThrow(ConfigError);
    expect(() => parseIni(text, 'dashboard.conf')).toThrow(expected);
  });
});
