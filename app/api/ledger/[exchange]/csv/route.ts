import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { auditCsvExport } from '@/lib/audit/export';
import { requireApiUser } from '@/lib/auth/session';
import { pullStream } from '@/lib/ledger/csv-stream';
import { handleLedgerCsvRequest } from '@/lib/ledger/request';
import { displayCalendar } from '@/lib/preferences/display';
import { apiUnavailable, queryOf, respond } from '../../../respond';

export const dynamic = 'force-dynamic';

/**
 * Every row of the window as CSV, streamed: rows are read from the database as the client
 * takes them (backpressure through the stream pipeline), so there is no row cap and memory
 * stays flat. Same filters and order as the page; page size and cursor are ignored.
 */
export async function GET(request: Request, { params }: { params: Promise<{ exchange: string }> }) {
  const user = await requireApiUser({ can: 'export' }).catch(apiUnavailable);
  if (user instanceof Response) return user;
  // Next has decoded the segment already: decoding again would misread a `%` in a name.
  const name = (await params).exchange;
  const query = queryOf(request);
  // the display zone (tz=, else the user's preference) adds local-time columns; a bad tz is the
  // request parser's 400
  const { zone } = await displayCalendar(query);
  const result = await handleLedgerCsvRequest(name, query, new Date(), zone);
  const unrecorded = await auditCsvExport(user.username, result); // refused if not audited
  if (unrecorded) return Response.json({ error: unrecorded }, { status: 503 });
  return respond(result, {
    knownAs: 'accounts',
    ok: ({ data: csv, account }) => {
      const stream = stringify({ header: true, columns: csv.header });
      // pipeline (not pipe) so that a database error mid-export aborts the response instead of
      // hanging it, and a client that goes away stops the reading.
      pipeline(Readable.from(csv.records), stream, (err) => {
        const gone = err?.name === 'AbortError' || err?.code === 'ERR_STREAM_PREMATURE_CLOSE';
        if (err && !gone) console.error(`ledger CSV export of ${account} stopped: ${err.message}`);
      });
      return new Response(pullStream(stream), {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${csv.fileName}"`,
          'Cache-Control': 'no-store',
        },
      });
    },
  });
}
