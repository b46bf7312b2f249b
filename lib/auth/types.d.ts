import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user: { name: string | null; uid: string; sv?: number; authTime?: number; via?: string };
  }
  interface User {
    /** user.session_version when the user logged in. */
    sv?: number;
    /** user.user_type and user.access_scope at login (lib/auth/domain/access.ts). */
    role?: string;
    scope?: string | null;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
    /** Login time, seconds since the epoch. */
    authTime?: number;
    /** The next-auth provider the user signed in with: 'credentials' or 'oidc'. */
    via?: string;
    /** user.user_type and user.access_scope at login; changing either moves session_version. */
    role?: string;
    scope?: string | null;
  }
}
