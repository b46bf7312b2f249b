/**
 * One parameter of a query string as a page receives it from Next (`searchParams`): a string,
 * several strings, or nothing.
 *
 * Why not `q[name]`: Next builds that object with `name in obj`, so `?__proto__=x` turns the
 * object's prototype into an array and `q.sort` then finds `Array.prototype.sort`, a function
 * (the fuzz test's `a.trim is not a function`). Only own properties holding strings count.
 */
export type QueryValue = string | string[] | null | undefined;

export function ownQueryValue(q: object, name: string): string | string[] | undefined {
  if (!Object.hasOwn(q, name)) return undefined;
  const v: unknown = (q as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string');
  return undefined;
}
