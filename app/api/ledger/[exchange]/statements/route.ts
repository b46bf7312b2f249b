import { requireApiUser } from '@/lib/auth/session';
import { getDashboardsDb } from '@/lib/db/dashboards/client';
import { BadRequestError } from '@/lib/core/errors';
import { errorResponse } from '@/lib/ledger/api';
import { openLedger } from '@/lib/ledger/open';
import { MAX_STATEMENT_BYTES, importStatement, mappingFromForm } from '@/lib/ledger/upload';
import { ledgerPath } from '@/ui/ledger/links';

export const dynamic = 'force-dynamic';

/**
 * Upload of an exchange statement (multipart form from /ledger/<account>/reconcile): file +
 * column mapping. Answers with a 303 to the reconciliation, or back to the form with the
 * reason; with `Accept: application/json`, JSON instead (status 201/400/404/413).
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ exchange: string }> },
) {
  const user = await requireApiUser();
  if (user instanceof Response) return user;
  const exchange = decodeURIComponent((await params).exchange);
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  const back = (path: string) => new Response(null, { status: 303, headers: { Location: path } });
  const fail = (status: number, message: string) =>
    wantsJson
      ? Response.json({ error: message }, { status })
      : back(
          `${ledgerPath(exchange, '/reconcile')}?error=${encodeURIComponent(message.slice(0, 500))}`,
        );

  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_STATEMENT_BYTES + 64 * 1024) {
    return fail(
      413,
      `The upload is ${(length / 1048576).toFixed(1)} MB; statements up to ${MAX_STATEMENT_BYTES / 1048576} MB are accepted. Split the file by date.`,
    );
  }
  const now = new Date();
  try {
    const opened = await openLedger(exchange);
    if (!opened)
      return wantsJson
        ? Response.json({ error: `No exchange account named ${exchange}` }, { status: 404 })
        : back(ledgerPath(exchange));
    const form = await request.formData();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0)
      throw new BadRequestError('Choose a CSV file to upload', 'file');
    if (file.size > MAX_STATEMENT_BYTES)
      throw new BadRequestError(
        `The file is larger than ${MAX_STATEMENT_BYTES / 1048576} MB`,
        'file',
      );
    const account = opened.source.account.name;
    const result = await importStatement(getDashboardsDb().pool, {
      account,
      fileName: file.name || 'statement.csv',
      uploadedBy: user.username,
      bytes: Buffer.from(await file.arrayBuffer()),
      mapping: mappingFromForm(form),
      now,
    });
    const target = ledgerPath(account, `/reconcile/${result.statementId}`);
    return wantsJson
      ? Response.json(
          { ...result, skipped: result.skipped.slice(0, 100), url: target },
          { status: 201 },
        )
      : back(target);
  } catch (err) {
    if (err instanceof BadRequestError) return fail(400, err.message);
    return errorResponse(err);
  }
}
