import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user: { name: string | null; uid: string; sv?: number; authTime?: number };
  }
  interface User {
    /** user.session_version when the user logged in. */
    sv?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    sv?: number;
    /** Login time, seconds since the epoch. */
    authTime?: number;
  }
}
