import Link from 'next/link';
import { accessHere, getCurrentUser } from '@/lib/auth/session';

/**
 * What a page answers (status 403) when the user's role or scope does not allow it: the reason
 * from the same rules that refused it (lib/auth/domain/access.ts), inside the navigation.
 */
export default async function Forbidden() {
  const user = await getCurrentUser();
  const access = user ? await accessHere(user) : null;
  const message =
    access && !access.ok ? access.message : 'Forbidden: your account may not open this page.';
  return (
    <main className="page">
      <h1>Not allowed</h1>
      <div className="alert error" role="alert" data-testid="forbidden">
        {message}
      </div>
      <p>
        <Link href="/">Back to the overview</Link> · <Link href="/account">Your account</Link>
      </p>
    </main>
  );
}
