import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/redirect';
import { LoginForm } from './login-form';
import { oidcLoginProps } from './oidc';
import { OidcSignIn } from './oidc-sign-in';
import { currentUserOrUnavailable, UserDatabaseNotice } from './user-database';

export const metadata: Metadata = { title: 'Log in' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const raw = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined;
  const callbackPath = safeCallbackPath(raw);
  const { user, unavailable } = await currentUserOrUnavailable();
  if (user) redirect(callbackPath);
  const oidc = oidcLoginProps(params.error, callbackPath);
  return (
    <main className="login-wrap">
      <div>
        {unavailable && <UserDatabaseNotice />}
        <LoginForm callbackPath={callbackPath} />
        {oidc && <OidcSignIn {...oidc} />}
      </div>
    </main>
  );
}
