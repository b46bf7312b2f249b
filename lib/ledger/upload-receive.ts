import 'server-only';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { BadRequestError } from '../core/errors';

/** The body is larger than the limit: answered 413. Counted as it arrives (chunked too). */
export class UploadTooLargeError extends BadRequestError {
  constructor(readonly limitBytes: number) {
    super(
      `The upload is larger than ${limitBytes / 1048576} MB, the most accepted: split the statement by date`,
      'file',
    );
    this.name = 'UploadTooLargeError';
  }
}

export interface ReceivedUpload {
  /** The text fields of the form (the column mapping). */
  fields: Record<string, string>;
  /** The `file` part, written to a temporary file (deleted after `consume` returns). */
  file: { path: string; name: string; bytes: number } | null;
}

/** Room for the multipart headers and the mapping fields around the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Counts the bytes as they arrive and fails (stopping the reading) past `max`. */
function byteLimit(max: number, tooLarge: () => Error) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > max ? tooLarge() : null, chunk);
    },
  });
}

/**
 * Receives a multipart upload as a stream: the body's bytes are counted as they arrive (a
 * chunked body has no Content-Length to check up front), the `file` part goes to a temporary
 * file, never into memory, so the fields may come before or after it (browsers send the file
 * first). `consume` runs with what was received; the temporary file is removed afterwards.
 */
export async function withReceivedUpload<T>(
  body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> | null,
  contentType: string,
  maxFileBytes: number,
  consume: (upload: ReceivedUpload) => Promise<T>,
): Promise<T> {
  if (!body || !/^multipart\/form-data/i.test(contentType))
    throw new BadRequestError('Send the statement as a multipart form (field "file")', 'file');
  const tooLarge = () => new UploadTooLargeError(maxFileBytes);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gryphon-upload-'));
  try {
    const parser = busboy({
      headers: { 'content-type': contentType },
      limits: { files: 1, fields: 20, parts: 30, fieldSize: 4096, fileSize: maxFileBytes },
    });
    const received: ReceivedUpload = { fields: {}, file: null };
    const writes: Array<Promise<void>> = [];
    let fileTooLarge = false;
    parser.on('field', (name, value) => (received.fields[name] = value));
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || received.file) return void stream.resume();
      const file = { path: path.join(dir, 'statement.csv'), name: info.filename ?? '', bytes: 0 };
      received.file = file;
      stream.on('data', (chunk: Buffer) => (file.bytes += chunk.length));
      // Busboy discards the rest of the part; refused once the body has been read (at most
      // FORM_OVERHEAD_BYTES more, as the whole body is limited too).
      stream.on('limit', () => (fileTooLarge = true));
      const written = pipeline(stream, createWriteStream(file.path));
      // Awaited below; a failed upload rejects it too, which the main pipeline reports.
      written.catch(() => undefined);
      writes.push(written);
    });
    try {
      await pipeline(
        Readable.fromWeb(body as WebReadableStream<Uint8Array>),
        byteLimit(maxFileBytes + FORM_OVERHEAD_BYTES, tooLarge),
        parser,
      );
      await Promise.all(writes);
      if (fileTooLarge) throw tooLarge();
    } catch (err) {
      if (err instanceof BadRequestError) throw err;
      throw new BadRequestError(
        `The upload could not be read (${(err as Error).message.slice(0, 100)}): send it again`,
        'file',
      );
    }
    return await consume(received);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
