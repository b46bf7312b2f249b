import { auditStatementUpload } from '@/lib/audit/export';
import { requireApiUser } from '@/lib/auth/session';
import type { UploadErrorCode } from '@/lib/ledger/domain/upload-error';
import { handleStatementUpload } from '@/lib/ledger/reconcile-request';
import { MAX_STATEMENT_BYTES } from '@/lib/ledger/upload';
import { ledgerPath } from '@/ui/ledger/links';
import { apiUnavailable, respond } from '../../../respond';

export const dynamic = 'force-dynamic';

/** Room for the multipart headers and the mapping fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Upload of an exchange statement (multipart form from /ledger/<account>/reconcile): file +
 * column mapping, read as a stream. Answers with a 303 to the reconciliation, or back to the
 * form with the reason; with `Accept: application/json`, JSON instead (status
 * 201/400/404/503). A body over the limit is 413 either way: refused before reading when its
 * Content-Length says so, else as soon as the counted bytes pass the limit (chunked bodies).
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ exchange: string }> },
) {
  const user = await requireApiUser({ can: 'upload' }).catch(apiUnavailable);
  if (user instanceof Response) return user;
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const exchange = (await params).exchange;
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  const back = (path: string) => new Response(null, { status: 303, headers: { Location: path } });
  // A code, not the message: the page shows the code's message, never text from its URL.
  const backWithError = (code: UploadErrorCode) =>
    back(`${ledgerPath(exchange, '/reconcile')}?error=${code}`);

  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(request.headers.get('content-type') ?? '')) {
    return Response.json(
      {
        error:
          'Expected a multipart/form-data body (the form of /ledger/<account>/reconcile): the file and its column mapping',
        param: 'file',
      },
      { status: 415 },
    );
  }
  const tooLarge = () => {
    const message = `The upload is larger than ${MAX_STATEMENT_BYTES / 1048576} MB, the most accepted: split the statement by date.`;
    if (wantsJson) return Response.json({ error: message }, { status: 413 });
    const html = `<!doctype html><title>Upload too large</title><p>${message}</p><p><a href="${ledgerPath(exchange, '/reconcile')}">Back to the statements</a></p>`;
    return new Response(html, {
      status: 413,
      headers: { 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' },
    });
  };

  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_STATEMENT_BYTES + FORM_OVERHEAD_BYTES) return tooLarge();
  const result = await handleStatementUpload(exchange, {
    body: request.body,
    contentType: request.headers.get('content-type') ?? '',
    uploadedBy: user.username,
    now: new Date(),
  });
  if (result.kind === 'too-large') return tooLarge();
  await auditStatementUpload(user.username, result);
  if (!wantsJson) {
    if (result.kind === 'ok')
      return back(ledgerPath(result.account, `/reconcile/${result.data.statementId}`));
    if (result.kind === 'bad-request') return backWithError(result.subject);
    if (result.kind === 'not-found') return back(ledgerPath(exchange));
  }
  return respond(result, {
    knownAs: 'accounts',
    ok: ({ data, account }) =>
      Response.json(
        {
          ...data,
          skipped: data.skipped.slice(0, 100),
          url: ledgerPath(account, `/reconcile/${data.statementId}`),
        },
        { status: 201 },
      ),
  });
}
