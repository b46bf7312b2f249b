import { requireApiUser } from '@/lib/auth/session';
import { handleStatementDelete } from '@/lib/ledger/reconcile-request';
import { ledgerPath } from '@/ui/ledger/links';
import { respond } from '../../../../respond';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ exchange: string; statementId: string }> };

async function remove(request: Request, { params }: Params, form: boolean) {
  const user = await requireApiUser();
  if (user instanceof Response) return user;
  const { exchange, statementId } = await params;
  const name = decodeURIComponent(exchange);
  const result = await handleStatementDelete(name, statementId);
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
export const DELETE = (request: Request, ctx: Params) => remove(request, ctx, false);
export const POST = (request: Request, ctx: Params) => remove(request, ctx, true);
