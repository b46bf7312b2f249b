import { Ledger } from './ledger';
import { Market } from './market';
import { Prng } from './prng';
import { RowBuffers, SqlClock } from './row-buffers';

/** Everything the strategies and the treasury share while the history is generated. */
export interface SeedContext {
  /** Drives decisions (sides, sizes, timing); forked per component so they stay independent. */
  rng: Prng;
  /** Only for unique ids and hashes, so ids never shift the market or the strategies. */
  ids: Prng;
  /**
   * Only for how transfers are booked (Gryphon's own forms or a shared id) and for the transfers
   * that exist to show those forms, so that choosing a form never shifts the market or the
   * strategies' decisions.
   */
  forms: Prng;
  market: Market;
  ledger: Ledger;
  rows: RowBuffers;
  clock: SqlClock;
  /** Epoch seconds: start and end of the history (end exclusive). */
  start: number;
  end: number;
  next: { order: number; trade: number; transaction: number; event: number };
}

export function createContext(seed: number, start: number, end: number): SeedContext {
  const root = new Prng(seed);
  return {
    rng: root.fork(),
    ids: root.fork(),
    market: new Market(root.fork()),
    forms: root.fork(),
    ledger: new Ledger(),
    rows: new RowBuffers(),
    clock: new SqlClock(),
    start,
    end,
    next: { order: 1, trade: 1, transaction: 1, event: 1 },
  };
}
