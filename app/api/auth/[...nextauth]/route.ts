import NextAuth from 'next-auth';
import { cameOverHttps, getAuthOptions } from '@/lib/auth/options';

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

/** next-auth answers 500 to a callbackUrl that is neither a path nor an http(s) URL. */
function queryProblem(q: URLSearchParams): { error: string; param: string } | null {
  const callbackUrl = q.getAll('callbackUrl').at(-1);
  if (callbackUrl && !isHttpUrl(callbackUrl))
    return {
      error: 'Invalid callbackUrl: a path on this server such as /fund, or an http(s) URL',
      param: 'callbackUrl',
    };
  const error = q.getAll('error').at(-1);
  if (error !== undefined && !/^[A-Za-z]{0,64}$/.test(error))
    return { error: 'Invalid error: the name of a login error, letters only', param: 'error' };
  return null;
}

function isHttpUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url, url.startsWith('/') ? 'http://x' : undefined).protocol);
  } catch {
    return false;
  }
}

// Built per request from the cached options so that `next build` needs no secrets; the
// cookies are Secure when this request came over HTTPS.
async function handler(req: Request, ctx: Ctx) {
  const [action = '', name] = (await ctx.params).nextauth;
  const methods = ACTIONS.get(action);
  // The second segment names a provider or an error; next-auth would put it in a Location
  // header, where a character past U+00FF is a 500.
  if (!methods || (name !== undefined && !/^[\w-]{1,64}$/.test(name)))
    return Response.json(
      { error: `No login endpoint "${req.url.slice(0, 80)}"`, endpoints: [...ACTIONS.keys()] },
      { status: 404 },
    );
  if (!methods.includes(req.method))
    return Response.json(
      { error: `${req.method} is not answered here; use ${methods.join(' or ')}` },
      { status: 405, headers: { Allow: methods.join(', ') } },
    );
  const problem = queryProblem(new URL(req.url).searchParams);
  if (problem) return Response.json(problem, { status: 400 });
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
  const https = cameOverHttps((name) => req.headers.get(name));
  return NextAuth(req as never, ctx as never, getAuthOptions(https));
}

export { handler as GET, handler as POST };
