/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native-ish or large Node libraries).
  serverExternalPackages: ['mysql2', 'bcryptjs'],
  poweredByHeader: false,
  experimental: {
    // The proxy passes at most this much of a body on, cutting it silently; kept above the
    // statement upload's own limit (10 MB + 64 KB, lib/ledger/upload.ts), which answers 413.
    proxyClientMaxBodySize: '11mb',
    // forbidden() and forbidden.tsx: a page the user's role or scope does not allow answers 403
    // with the reason (lib/auth/session.ts requireUser, docs/access-control.md).
    authInterrupts: true,
  },
  // Gryphon's URLs keep working.
  async redirects() {
    return [
      { source: '/strategies/:name', destination: '/strategy/:name', permanent: true },
      { source: '/assets', destination: '/fund', permanent: true },
    ];
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          // Also set by proxy.ts (lib/http/gates/security-headers.ts), with the CSP; here for
          // the paths the proxy does not see (static files, next-auth's /api/auth).
          {
            key: 'Permissions-Policy',
            value:
              'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()',
          },
        ],
      },
      { source: '/api/:path*', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
    ];
  },
};

export default nextConfig;
