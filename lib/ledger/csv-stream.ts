/** Bytes per chunk the CSV export hands to the response (see pullStream). */
export const CSV_CHUNK_BYTES = 64 * 1024;

/**
 * A Node stream (the CSV export's csv-stringify output) as a web stream for the Response,
 * pulled: a chunk is produced each time the client asks for more (backpressure), made of as
 * many of the source's pieces as fill CSV_CHUNK_BYTES (csv-stringify writes one piece per row,
 * ~150 bytes: handed on one by one, every row cost a trip through the web stream, the
 * response's writes and the compression, the HTTP export then ran at a third of the rows/s
 * of the pipeline alone). The last chunk may be shorter.
 *
 * Not Readable.toWeb: when the client goes away mid-export it still pushes into the closed
 * controller and throws an uncaught "Controller is already closed" (nodejs/node#64529, seen
 * in bench:load); here a cancel stops the iteration and destroys the source, and a pull that
 * was under way when it came enqueues nothing.
 */
export function pullStream(
  source: NodeJS.ReadableStream & { destroy(): void },
  chunkBytes = CSV_CHUNK_BYTES,
): ReadableStream<Uint8Array> {
  const pieces = source[Symbol.asyncIterator]();
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const parts: Buffer[] = [];
      let size = 0;
      let done = false;
      while (size < chunkBytes) {
        const next = await pieces.next();
        if (next.done) {
          done = true;
          break;
        }
        const piece: Buffer =
          typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
        parts.push(piece);
        size += piece.length;
      }
      if (cancelled) return;
      if (size > 0) controller.enqueue(parts.length === 1 ? parts[0] : Buffer.concat(parts, size));
      if (done) controller.close();
    },
    async cancel() {
      cancelled = true;
      source.destroy();
      await pieces.return?.();
    },
  });
}
