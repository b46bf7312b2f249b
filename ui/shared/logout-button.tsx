'use client';

import { signOut } from 'next-auth/react';

export function LogoutButton() {
  return (
    <button className="link" type="button" onClick={() => signOut({ callbackUrl: '/login' })}>
      Log out
    </button>
  );
}
