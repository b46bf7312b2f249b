import 'server-only';
import { oidcErrorMessage } from '@/lib/auth/oidc-claims';
import { getEnv } from '@/lib/core/env';

/** The OIDC button's props, or null when OIDC_* is not configured (no button). */
export function oidcLoginProps(
  error: string | string[] | undefined,
  callbackPath: string,
): { name: string; callbackPath: string; error: string | null } | null {
  const oidc = getEnv().oidc;
  if (!oidc) return null;
  const code = typeof error === 'string' ? error : undefined;
  return {
    name: oidc.name,
    callbackPath,
    error: code ? oidcErrorMessage(code, oidc.name) : null,
  };
}
