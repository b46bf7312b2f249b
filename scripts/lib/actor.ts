import { userInfo } from 'node:os';
import type { Actor } from '../../lib/auth/accounts';

/** Who makes a change from the command line, for the audit log: `cli:<system user>`, ip `cli`. */
export function cliActor(command: string): Actor {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // no passwd entry (a container): stays unknown
  }
  return { username: `cli:${who}`.slice(0, 64), ctx: { ip: 'cli', userAgent: command } };
}
