import { requireApiUser } from '@/lib/auth/session';
import { errorResponse, openLedgerRequest } from '@/lib/ledger/api';
import { loadLedgerPage } from '@/lib/ledger/page';

export const dynamic = 'force-dynamic';

/** The ledger page's data as JSON: same query string as /ledger/<account>. */
export async function GET(request: Request, { params }: { params: Promise<{ exchange: string }> }) {
  const user = await requireApiUser();
  if (user instanceof Response) return user;
  const now = new Date();
  const opened = await openLedgerRequest((await params).exchange, request.url, now);
  if (opened instanceof Response) return opened;
  try {
    return Response.json(
      await loadLedgerPage(opened.source, opened.rollup, opened.window, opened.q, now),
    );
  } catch (err) {
    return errorResponse(err);
  }
}
