import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { describe, expect, it } from 'vitest';
import { CSV_CHUNK_BYTES, pullStream } from './csv-stream';

/** n records of the export's shape, as csv-stringify streams them (one piece per row). */
function csvOf(n: number, onRead?: (i: number) => void) {
  async function* records() {
    for (let i = 0; i < n; i++) {
      onRead?.(i);
      yield [
        `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
        'trade',
        `Trade #${i}`,
        'BTC',
        '0.5',
        '',
      ];
    }
  }
  const out = stringify({
    header: true,
    columns: ['time', 'type', 'description', 'currency', 'credit', 'debit'],
  });
  Readable.from(records()).pipe(out);
  return out;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
  return chunks;
}

describe('pullStream', () => {
  it('hands the CSV on in 64 KB chunks, byte for byte', async () => {
    const n = 5_000;
    const chunks = await readAll(pullStream(csvOf(n)));
    const text = Buffer.concat(chunks).toString('utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(n + 1);
    expect(lines[0]).toBe('time,type,description,currency,credit,debit');
    expect(lines[1]).toBe('2025-01-01T00:00:00Z,trade,Trade #0,BTC,0.5,');
    expect(lines[n]).toBe(
      `2025-01-01T00:00:${String((n - 1) % 60).padStart(2, '0')}Z,trade,Trade #${n - 1},BTC,0.5,`,
    );
    // Every chunk but the last at least 64 KB, and at most one row (well under 1 KB) more.
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks.slice(0, -1)) {
      expect(c.length).toBeGreaterThanOrEqual(CSV_CHUNK_BYTES);
      expect(c.length).toBeLessThan(CSV_CHUNK_BYTES + 1024);
    }
    expect(chunks.reduce((s, c) => s + c.length, 0)).toBe(Buffer.byteLength(text));
  });

  it('an empty export is the header alone', async () => {
    const text = Buffer.concat(await readAll(pullStream(csvOf(0)))).toString('utf8');
    expect(text).toBe('time,type,description,currency,credit,debit\n');
  });

  it('a client that goes away stops the reading, destroys the source, throws nothing', async () => {
    const uncaught: unknown[] = [];
    const onError = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    try {
      let read = 0;
      const source = csvOf(1_000_000, (i) => (read = i + 1));
      const stream = pullStream(source);
      const reader = stream.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      expect(first.value!.length).toBeGreaterThanOrEqual(CSV_CHUNK_BYTES);
      // A second pull under way when the client cancels, as a browser aborting mid-download.
      const pending = reader.read();
      await reader.cancel('client went away');
      expect(await pending).toEqual({ done: true, value: undefined });
      expect(source.destroyed).toBe(true);
      const stoppedAt = read;
      await new Promise((r) => setTimeout(r, 100));
      // Nothing more is read after the cancel (a batch in flight at most), far from the million.
      expect(read - stoppedAt).toBeLessThan(100);
      expect(read).toBeLessThan(10_000);
    } finally {
      await new Promise((r) => setTimeout(r, 50));
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    }
    expect(uncaught).toEqual([]);
  });
});
