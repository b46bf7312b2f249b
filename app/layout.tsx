import type { Metadata } from 'next';
import { currentTheme } from '@/lib/preferences/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Gryphon Dashboards', template: '%s · Gryphon Dashboards' },
  description: 'Strategy, fund and ledger dashboards for a Gryphon trading database',
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Set on the server so the first paint already has the chosen theme (app/globals.css): this
  // browser's cookie, else the user's saved preference.
  const theme = await currentTheme();
  return (
    <html lang="en" data-theme={theme}>
      <body>{children}</body>
    </html>
  );
}
