import { SEED_TABLES, type Row, type RowBatch, type SeedTable } from './rows';

/**
 * Epoch seconds -> MySQL DATETIME text in UTC. Caches minute prefixes: the generator formats
 * many timestamps within the same few minutes.
 */
const SECONDS = Array.from({ length: 60 }, (_, s) => String(s).padStart(2, '0'));

export class SqlClock {
  private prefixes = new Map<number, string>();

  format(epochSeconds: number): string {
    const minute = Math.floor(epochSeconds / 60);
    let prefix = this.prefixes.get(minute);
    if (prefix === undefined) {
      if (this.prefixes.size > 4096) this.prefixes.clear();
      prefix = new Date(minute * 60_000).toISOString().slice(0, 17).replace('T', ' ');
      this.prefixes.set(minute, prefix);
    }
    return prefix + SECONDS[epochSeconds - minute * 60];
  }
}

/** Collects generated rows per table; the generator drains full buffers as batches. */
export class RowBuffers {
  readonly buffers: Record<SeedTable, Row[]> = {
    exchange: [],
    liability: [],
    order: [],
    trade: [],
    transaction: [],
    event: [],
  };
  readonly counts: Record<SeedTable, number> = {
    exchange: 0,
    liability: 0,
    order: 0,
    trade: 0,
    transaction: 0,
    event: 0,
  };

  push(table: SeedTable, row: Row): void {
    this.buffers[table].push(row);
    this.counts[table]++;
  }

  /** Removes and returns the batches holding at least `min` rows (all non-empty ones if min is 1). */
  drain(min: number): RowBatch[] {
    const out: RowBatch[] = [];
    for (const table of SEED_TABLES) {
      const rows = this.buffers[table];
      if (rows.length >= min && rows.length > 0) {
        out.push({ table, rows });
        this.buffers[table] = [];
      }
    }
    return out;
  }
}
