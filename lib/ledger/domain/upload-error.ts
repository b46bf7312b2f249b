import { BadRequestError } from '../../core/errors';

/**
 * Why an upload from the reconcile form was refused, as a code in the query string of the page
 * the upload route sends the browser back to (`?error=<code>`). The page shows the message of
 * the code, never text taken from the URL: a link with any text in it would otherwise put that
 * text on our page, under our name. The JSON answer of the upload route keeps the details.
 */
export type UploadErrorCode =
  'no-file' | 'too-large' | 'mapping' | 'columns' | 'unreadable' | 'not-a-form' | 'lines' | 'quota';

const MESSAGES: ReadonlyMap<UploadErrorCode, (maxMb: number) => string> = new Map<
  UploadErrorCode,
  (maxMb: number) => string
>([
  ['no-file', () => 'Choose a CSV file to upload.'],
  ['too-large', (maxMb) => `The file is larger than ${maxMb} MB: split it by date.`],
  [
    'mapping',
    () =>
      'Choose the time column and either the amount column or the credit and debit columns of the statement.',
  ],
  [
    'columns',
    () =>
      "The file has no column of that name: choose the mapping from the columns of the file's header line.",
  ],
  [
    'unreadable',
    () =>
      "No line of the file could be read: check that it is the exchange's CSV statement and that the time and amount (or credit and debit) columns are mapped to the right columns.",
  ],
  [
    'lines',
    () =>
      'The file has more lines than a statement may have (STATEMENT_MAX_LINES): split it by date.',
  ],
  [
    'quota',
    () =>
      'This account already keeps as many statements as allowed (STATEMENT_QUOTA): delete an old one first.',
  ],
  [
    'not-a-form',
    () => 'The upload was not a form with a file: upload the statement with the form below.',
  ],
]);

export const UPLOAD_ERROR_CODES = [...MESSAGES.keys()];

export function uploadErrorMessage(code: UploadErrorCode, maxMb: number): string {
  return (MESSAGES.get(code) ?? (() => 'The statement was not imported.'))(maxMb);
}

/** `error` of /ledger/<account>/reconcile: null when absent; an unknown code is a bad request. */
export function parseUploadErrorCode(
  value: string | string[] | null | undefined,
): UploadErrorCode | null {
  const list = (Array.isArray(value) ? value : value == null ? [] : [value]).filter(
    (s) => s.trim() !== '',
  );
  if (list.length === 0) return null;
  const text = list[0].trim();
  if (list.length === 1 && MESSAGES.has(text as UploadErrorCode)) return text as UploadErrorCode;
  throw new BadRequestError(
    list.length > 1
      ? `error is given ${list.length} times; give it once`
      : `Invalid error "${text.slice(0, 20)}": one of ${UPLOAD_ERROR_CODES.join(', ')} (set by the upload form)`,
    'error',
    'no-file',
  );
}
