import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Gryphon Dashboards', template: '%s · Gryphon Dashboards' },
  description: 'Strategy, fund and ledger dashboards for a Gryphon trading database',
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
