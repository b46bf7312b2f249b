import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { requireApiUser } from '@/lib/auth/session';
import { windowToQuery } from '@/lib/core/time/time-window';
import { errorResponse, openLedgerRequest } from '@/lib/ledger/api';
import { ledgerCsv } from '@/lib/ledger/export';

export const dynamic = 'force-dynamic';

/**
 * Every row of the window as CSV, streamed: rows are read from the database as the client
 * takes them (backpressure through the stream pipeline), so there is no row cap and memory
 * stays flat. Same filters and order as the page; page size and cursor are ignored.
 */
export async function GET(request: Request, { params }: { params: Promise<{ exchange: string }> }) {
  const user = await requireApiUser();
  if (user instanceof Response) return user;
  const opened = await openLedgerRequest((await params).exchange, request.url, new Date());
  if (opened instanceof Response) return opened;
  let csv;
  try {
    csv = await ledgerCsv(opened.source, opened.window, opened.q);
  } catch (err) {
    return errorResponse(err);
  }
  const stream = stringify({ header: true, columns: csv.header });
  // pipeline (not pipe) so that a database error mid-export aborts the response instead of
  // hanging it, and a client that goes away stops the reading.
  pipeline(Readable.from(csv.records), stream, (err) => {
    if (err && err.name !== 'AbortError')
      console.error(`ledger CSV export of ${opened.source.account.name} stopped: ${err.message}`);
  });
  const w = windowToQuery(opened.window);
  const name =
    `ledger-${opened.source.account.name}-${w.start}-${w.end}${opened.q.currency ? `-${opened.q.currency}` : ''}.csv`.replace(
      /[^\w.-]+/g,
      '_',
    );
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  });
}
