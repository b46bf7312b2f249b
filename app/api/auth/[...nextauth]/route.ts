import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';

type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints (/api/auth/<action>/...) and the methods each answers. Anything else is
 * answered here: next-auth itself answers an unknown action with a 400 naming nothing, and a
 * POST whose JSON body does not parse with a 500.
 */
const ACTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['csrf', ['GET']],
  ['providers', ['GET']],
  ['verify-request', ['GET']],
  ['error', ['GET']],
  // POST /session (the client's update()) is not used: next-auth answers it 400 or 500 unasked.
  ['session', ['GET']],
  ['signin', ['GET', 'POST']],
  ['signout', ['GET', 'POST']],
  ['callback', ['GET', 'POST']],
  ['_log', ['POST']],
]);

// Built per request from the cached options so that `next build` needs no secrets.
async function handler(req: Request, ctx: Ctx) {
  const action = (await ctx.params).nextauth[0] ?? '';
  const methods = ACTIONS.get(action);
  if (!methods)
    return Response.json(
      { error: `No login endpoint "${action.slice(0, 40)}"`, endpoints: [...ACTIONS.keys()] },
      { status: 404 },
    );
  if (!methods.includes(req.method))
    return Response.json(
      { error: `${req.method} is not answered here; use ${methods.join(' or ')}` },
      { status: 405, headers: { Allow: methods.join(', ') } },
    );
  if (
    req.method === 'POST' &&
    (req.headers.get('content-type') ?? '').includes('application/json')
  ) {
    try {
      JSON.parse(await req.clone().text());
    } catch {
      return Response.json({ error: 'The body is not valid JSON', param: 'body' }, { status: 400 });
    }
  }
  return NextAuth(req as never, ctx as never, getAuthOptions());
}

export { handler as GET, handler as POST };
