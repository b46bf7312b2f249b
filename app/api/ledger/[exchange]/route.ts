import { requireApiUser } from '@/lib/auth/session';
import { handleLedgerRequest } from '@/lib/ledger/request';
import { apiUnavailable, queryOf, respond } from '../../respond';
import { loadDataAsOf } from '@/lib/db/trading/data-as-of';

export const dynamic = 'force-dynamic';

/** The ledger page's data as JSON: same query string as /ledger/<account>. */
export async function GET(request: Request, { params }: { params: Promise<{ exchange: string }> }) {
  const user = await requireApiUser().catch(apiUnavailable);
  if (user instanceof Response) return user;
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const name = (await params).exchange;
  const now = new Date();
  // How fresh the data is, read in the same request (lib/db/trading/data-as-of.ts).
  const [result, dataAsOf] = await Promise.all([
    handleLedgerRequest(name, queryOf(request), now),
    loadDataAsOf(now),
  ]);
  return respond(result, {
    knownAs: 'accounts',
    ok: (r) => Response.json({ ...r.data, dataAsOf }),
  });
}
