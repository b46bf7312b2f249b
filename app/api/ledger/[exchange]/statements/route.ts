import { requireApiUser } from '@/lib/auth/session';
import type { UploadErrorCode } from '@/lib/ledger/domain/upload-error';
import { handleStatementUpload } from '@/lib/ledger/reconcile-request';
import { MAX_STATEMENT_BYTES } from '@/lib/ledger/upload';
import { ledgerPath } from '@/ui/ledger/links';
import { respond } from '../../../respond';

export const dynamic = 'force-dynamic';

/**
 * Upload of an exchange statement (multipart form from /ledger/<account>/reconcile): file +
 * column mapping. Answers with a 303 to the reconciliation, or back to the form with the
 * reason; with `Accept: application/json`, JSON instead (status 201/400/404/413/503).
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ exchange: string }> },
) {
  const user = await requireApiUser();
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

  // Refused before reading the body, which the proxy would otherwise cut at its limit.
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_STATEMENT_BYTES + 64 * 1024) {
    const message = `The upload is ${(length / 1048576).toFixed(1)} MB; statements up to ${MAX_STATEMENT_BYTES / 1048576} MB are accepted. Split the file by date.`;
    return wantsJson
      ? Response.json({ error: message }, { status: 413 })
      : backWithError('too-large');
  }
  const result = await handleStatementUpload(exchange, {
    readForm: () => request.formData(),
    uploadedBy: user.username,
    now: new Date(),
  });
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
