import { requireApiUser } from '@/lib/auth/session';
import { handleFundRequest } from '@/lib/fund/request';

export const dynamic = 'force-dynamic';

/** GET /api/fund?start=…&end=…: every figure, part, table and series of the fund page as JSON. */
export async function GET(request: Request) {
  const user = await requireApiUser();
  if (user instanceof Response) return user;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const result = await handleFundRequest(query, new Date());
  switch (result.kind) {
    case 'ok':
      return Response.json(result.data);
    case 'bad-request':
      return Response.json(
        { error: result.error.message, param: result.error.param, example: result.error.example },
        { status: 400 },
      );
    case 'unavailable':
      return Response.json({ error: result.message }, { status: 503 });
  }
}
