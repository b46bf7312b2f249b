/** A generated exchange statement as a multipart upload, for scripts/bench-upload.ts. */

export const BOUNDARY = '----bench-upload-boundary-7d3f';
export const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

const MAPPING: Record<string, string> = {
  map_time: 'time',
  map_amount: 'amount',
  map_currency: 'asset',
  map_type: 'type',
  map_external_id: 'refid',
  map_fee: 'fee',
};

/** One Kraken-like line (about 100 bytes). */
function line(i: number): string {
  const t = new Date(Date.UTC(2024, 0, 1) + i * 7_000).toISOString().slice(0, 19).replace('T', ' ');
  const usd = i % 2 === 0;
  const amount = usd ? `${((i % 9973) * 1.37).toFixed(2)}` : `-${((i % 997) / 1000).toFixed(8)}`;
  return `L${i},EX-${i >> 1},${t},trade,${usd ? 'USD' : 'BTC'},${amount},${usd ? '0.25' : '0'}\n`;
}

/**
 * The body as a stream of about 64 KB chunks, as it arrives from a socket: the file part
 * (`bytes` of CSV) first, then the mapping fields, as a browser sends the reconcile form.
 */
export function multipartBody(bytes: number): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  let written = 0;
  let state: 'head' | 'file' | 'tail' | 'done' = 'head';
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state === 'head') {
        controller.enqueue(
          enc.encode(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\n` +
              'Content-Type: text/csv\r\n\r\ntxid,refid,time,type,asset,amount,fee\n',
          ),
        );
        state = 'file';
      } else if (state === 'file') {
        // Whole lines, never past `bytes` (the header line is counted as 40 bytes).
        let chunk = '';
        let next = line(i);
        while (chunk.length < 65_536 && written + chunk.length + next.length + 40 <= bytes) {
          chunk += next;
          next = line(++i);
        }
        written += chunk.length;
        controller.enqueue(enc.encode(chunk));
        if (written + next.length + 40 > bytes) state = 'tail';
      } else if (state === 'tail') {
        const fields = Object.entries(MAPPING)
          .map(
            ([k, v]) =>
              `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}`,
          )
          .join('');
        controller.enqueue(enc.encode(`${fields}\r\n--${BOUNDARY}--\r\n`));
        state = 'done';
      } else controller.close();
    },
  });
}
