import { auditStatementDelete } from '@/lib/audit/export';
import { requireApiUser } from '@/lib/auth/session';
import { handleStatementDelete } from '@/lib/ledger/reconcile-request';
import { ledgerPath } from '@/ui/ledger/links';
import { apiUnavailable, respond } from '../../../../respond';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ exchange: string; statementId: string }> };

async function remove({ params }: Params, form: boolean) {
  // Next has decoded the segments already: decoding again would misread a `%` in a name.
  const { exchange, statementId } = await params;
  const result = await handleStatementDelete(exchange, statementId);
  if (form && result.kind === 'ok') {
    const to = `${ledgerPath(result.account, '/reconcile')}?deleted=1`;
    return new Response(null, { status: 303, headers: { Location: to } });
  }
  return respond(result, { knownAs: 'accounts' });
}

/**
 * Deletes one statement of the account and its lines. `DELETE` answers JSON; `POST` is the
 * confirmation form of /ledger/<account>/reconcile/<id>/delete and answers a 303 to the list.
 */
export async function DELETE(request: Request, ctx: Params) {
  const user = await requireApiUser({ can: 'delete' }).catch(apiUnavailable);
  if (user instanceof Response) return user;
  return auditStatementDelete(user.username, ctx.params, await remove(ctx, false));
}

export async function POST(request: Request, ctx: Params) {
  const user = await requireApiUser({ can: 'delete' }).catch(apiUnavailable);
  if (user instanceof Response) return user;
  return auditStatementDelete(user.username, ctx.params, await remove(ctx, true));
}
