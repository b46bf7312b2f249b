import { describe, expect, it } from 'vitest';
import { ownQueryValue } from './query';

describe('ownQueryValue', () => {
  it('reads own string and string-array values', () => {
    expect(ownQueryValue({ a: 'x' }, 'a')).toBe('x');
    expect(ownQueryValue({ a: ['x', 'y'] }, 'a')).toEqual(['x', 'y']);
    expect(ownQueryValue({}, 'a')).toBeUndefined();
  });

  it('ignores what a prototype turned into an array offers (Next with ?__proto__=x)', () => {
    // What Next's `key in obj` builds for `?__proto__=0x10`: the prototype becomes an array.
    const q: Record<string, unknown> = {};
    Object.setPrototypeOf(q, [Object.prototype, '0x10']);
    expect(typeof (q as { sort?: unknown }).sort).toBe('function');
    expect(ownQueryValue(q, 'sort')).toBeUndefined();
    expect(ownQueryValue(q, 'length')).toBeUndefined();
  });

  it('drops non-string members of an array value', () => {
    expect(ownQueryValue({ a: ['x', 1, null] }, 'a')).toEqual(['x']);
  });
});
