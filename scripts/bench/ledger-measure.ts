/** Timing and memory helpers for scripts/bench-ledger.ts. */
import { Writable } from 'node:stream';

export interface Timed<T> {
  ms: number;
  value: T;
}

export async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
export const secs = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;

/** Samples RSS and heap every `everyMs` until stopped; the maxima and the samples. */
export function memorySampler(everyMs = 100) {
  let peakRss = 0;
  let peakHeap = 0;
  const tick = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { peakRss, peakHeap };
    },
  };
}

/** A sink that counts bytes and lines (and throws the data away), calling `onLine` now and then. */
export function countingSink(
  onProgress: (lines: number, bytes: number) => void,
  every = 1_000_000,
) {
  let bytes = 0;
  let lines = 0;
  let nextReport = every;
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      bytes += Buffer.byteLength(text);
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
      if (lines >= nextReport) {
        onProgress(lines, bytes);
        nextReport += every;
      }
      done();
    },
  });
  return { sink, totals: () => ({ lines, bytes }) };
}
