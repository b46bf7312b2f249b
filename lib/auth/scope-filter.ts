import 'server-only';
import { mayOpenAccount, mayOpenStrategy } from './domain/access';
import { getCurrentUser } from './session';

/**
 * The names of a "known strategies/accounts" list (a 404's answer) that the logged-in user's
 * scope opens (lib/auth/domain/access.ts): a list never names what the user may not see.
 * Without a user, or outside a request, nothing (fail closed).
 */
export async function onlyVisible(
  kind: 'strategy' | 'account',
  names: string[],
): Promise<string[]> {
  const user = await getCurrentUser().catch(() => null);
  if (!user) return [];
  const may = kind === 'strategy' ? mayOpenStrategy : mayOpenAccount;
  return names.filter((n) => may(user, n));
}
