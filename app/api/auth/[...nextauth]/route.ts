import NextAuth from 'next-auth';
import { cameOverHttps, getAuthOptions } from '@/lib/auth/options';

// Built per request from the cached options so that `next build` needs no secrets; the
// cookies are Secure when this request came over HTTPS.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const https = cameOverHttps((name) => req.headers.get(name));
  return NextAuth(req as never, ctx as never, getAuthOptions(https));
}

export { handler as GET, handler as POST };
