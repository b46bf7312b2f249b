import { requireApiUser } from '@/lib/auth/session';
import { handleStrategyRequest } from '@/lib/strategy/request';

export const dynamic = 'force-dynamic';

/** GET /api/strategy/<name>?start=…&end=…: the strategy page's figures and series as JSON. */
export async function GET(request: Request, ctx: { params: Promise<{ actor: string }> }) {
  const user = await requireApiUser();
  if (user instanceof Response) return user;
  const { actor } = await ctx.params;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const result = await handleStrategyRequest(decodeURIComponent(actor), query, new Date());
  switch (result.kind) {
    case 'ok':
      return Response.json(result.data);
    case 'not-found':
      return Response.json({ error: `unknown strategy "${actor}"` }, { status: 404 });
    case 'bad-request':
      return Response.json(
        { error: result.error.message, param: result.error.param, example: result.error.example },
        { status: 400 },
      );
    case 'unavailable':
      return Response.json({ error: result.message }, { status: 503 });
  }
}
