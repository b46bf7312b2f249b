import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';

// Built per request from the cached options so that `next build` needs no secrets.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, ctx as never, getAuthOptions());
}

export { handler as GET, handler as POST };
