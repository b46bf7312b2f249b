/**
 * Where to go after logging in: only a path on this site. Gryphon redirected to any `next`
 * value (an open redirect); anything that is not a same-origin path becomes "/".
 */
export function safeCallbackPath(
  raw: string | null | undefined,
  baseUrl = 'http://localhost',
): string {
  if (!raw) return '/';
  let url: URL;
  try {
    const base = new URL(baseUrl);
    url = new URL(raw, base);
    if (url.origin !== base.origin) return '/';
  } catch {
    return '/';
  }
  // "//evil.example" and "/\evil.example" parse as other origins above; reject leftovers too.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  if (path.startsWith('/login') || path.startsWith('/api/auth')) return '/';
  return path;
}
