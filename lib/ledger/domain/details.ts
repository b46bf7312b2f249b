/**
 * The parts of a transaction's `transaction_details` JSON the ledger shows. Gryphon's known
 * keys: notes, description, deposit_address, transaction_hash, exchange_withdrawal_id,
 * external_transaction_id, exchange_rate, drift (true on balance-audit corrections).
 */
export interface TransactionDetails {
  drift: boolean;
  notes: string | null;
  /** Ids the exchange or the chain knows this transfer by, best first. */
  externalIds: string[];
}

const ID_KEYS = ['external_transaction_id', 'exchange_withdrawal_id', 'transaction_hash'] as const;

export function parseTransactionDetails(json: string | null): TransactionDetails {
  const none: TransactionDetails = { drift: false, notes: null, externalIds: [] };
  if (json === null || json.trim() === '') return none;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return none;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return none;
  const d = parsed as Record<string, unknown>;
  const text = (v: unknown) =>
    typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;
  const notes = [text(d.notes), text(d.description)].filter((s): s is string => s !== null);
  return {
    // Same rule as the SQL side (JSON_VALUE(...) IN ('true', '1')): true, "true" or 1.
    drift: d.drift === true || d.drift === 'true' || d.drift === 1,
    notes: notes.length > 0 ? [...new Set(notes)].join(' — ') : null,
    externalIds: ID_KEYS.map((k) => text(d[k])).filter((s): s is string => s !== null),
  };
}
