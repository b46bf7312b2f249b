import type { LedgerKey } from './types';

/**
 * Ledger keys in URLs (pagination cursors): "<unix seconds>-<t|x><id>-<row>", e.g.
 * "1709294405-t123-1" is the debit row of trade 123 at 2024-03-01T12:00:05Z.
 */
const KEY_TEXT = /^(\d{1,12})-([tx])(\d{1,12})-([0-2])$/;

export function encodeLedgerKey(k: LedgerKey): string {
  return `${k.time}-${k.kind === 0 ? 't' : 'x'}${k.id}-${k.sub}`;
}

export function decodeLedgerKey(text: string): LedgerKey | null {
  const m = KEY_TEXT.exec(text);
  if (!m) return null;
  return { time: Number(m[1]), kind: m[2] === 't' ? 0 : 1, id: Number(m[3]), sub: Number(m[4]) };
}

/** Negative when a comes first in time order. */
export function compareLedgerKeys(a: LedgerKey, b: LedgerKey): number {
  return a.time - b.time || a.kind - b.kind || a.id - b.id || a.sub - b.sub;
}

/** Compares only the item part of the key (time, kind, id). */
export function compareItemKeys(a: LedgerKey, b: LedgerKey): number {
  return a.time - b.time || a.kind - b.kind || a.id - b.id;
}

/** Whole seconds since the epoch; DATETIME has no fractions. */
export function toUnixSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

/**
 * A window bound in whole seconds: rows carry whole seconds, so a bound with milliseconds
 * (13:00:05.250) excludes the row at 13:00:05 when it is a start and includes it when it is an
 * end, exactly as comparing the instants would.
 */
export function ceilUnixSeconds(d: Date): number {
  return Math.ceil(d.getTime() / 1000);
}
