import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** Gryphon's /ledger/<account>/<currency>: the same ledger filtered to that currency. */
export default async function LedgerCurrencyRedirect({
  params,
  searchParams,
}: {
  params: Promise<{ exchange: string; currency: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser();
  const [{ exchange, currency }, sp] = await Promise.all([params, searchParams]);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sp))
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, one);
  // Next has decoded the segments: encode the account again, decode nothing twice.
  q.set('currency', currency.toUpperCase());
  redirect(`/ledger/${encodeURIComponent(exchange)}?${q.toString()}`);
}
