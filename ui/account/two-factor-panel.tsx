import QRCode from 'qrcode';
import { formatUtcDate } from '@/lib/core/time/calendar';
import type { TwoFactorView } from '@/lib/auth/totp-view';
import { ActionForm, type FormAction } from '@/ui/admin/action-form';
import { ConfirmTwoFactorForm, type ConfirmState } from './confirm-two-factor';

/** The QR code of the otpauth:// URI, drawn here on the server as SVG (no outside service). */
async function TotpQrCode({ uri }: { uri: string }) {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise
    <img
      src={`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`}
      alt="QR code to scan with an authenticator app"
      width={200}
      height={200}
      data-testid="totp-qr"
      style={{ background: 'white', border: '1px solid var(--line)', borderRadius: 6 }}
    />
  );
}

/** The account page's two-factor section: set it up, confirm it, or turn it off. */
export async function TwoFactorPanel({
  view,
  start,
  confirm,
  disable,
}: {
  view: TwoFactorView;
  start: FormAction;
  confirm: (prev: ConfirmState, form: FormData) => Promise<ConfirmState>;
  disable: FormAction;
}) {
  return (
    <section className="panel" data-testid="two-factor" data-state={view.state}>
      <h2>Two-factor sign-in</h2>
      {view.state !== 'on' && view.required && (
        <div className="alert error" role="alert" data-testid="two-factor-required">
          Your role must sign in with a code from an authenticator app. Set it up here to open the
          dashboards.
        </div>
      )}
      {view.state === 'off' && (
        <>
          <p className="muted">
            Off: signing in takes only your password. With it on, signing in also asks for a 6-digit
            code from an authenticator app on your phone (Google Authenticator, Microsoft
            Authenticator, 1Password, Aegis…).
          </p>
          <ActionForm action={start} submit="Set up two-factor" testId="start-two-factor" />
        </>
      )}
      {view.state === 'pending' && (
        <>
          <p>1. Scan this code with the authenticator app, or type the key below into it.</p>
          <div style={{ display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap' }}>
            <TotpQrCode uri={view.uri} />
            <div>
              <div className="muted" style={{ fontSize: 12 }}>
                Key (time-based, 6 digits, 30 s)
              </div>
              <code data-testid="totp-secret" style={{ fontSize: 16, letterSpacing: 1 }}>
                {view.secret.match(/.{1,4}/g)?.join(' ')}
              </code>
            </div>
          </div>
          <p>2. Type the code the app shows to finish.</p>
          <ConfirmTwoFactorForm action={confirm} />
        </>
      )}
      {view.state === 'on' && (
        <>
          <p>
            <strong>On</strong> since {formatUtcDate(view.since)}: signing in asks for a code from
            your app. <span data-testid="recovery-left">{view.recoveryLeft}</span> of 10 recovery
            codes unused.
          </p>
          <h3>Turn it off</h3>
          <ActionForm action={disable} submit="Turn off" testId="disable-two-factor" danger>
            <label>
              Current password{' '}
              <input name="password" type="password" required autoComplete="current-password" />
            </label>
            <label>
              Code or recovery code{' '}
              <input name="code" required autoComplete="one-time-code" size={20} maxLength={64} />
            </label>
          </ActionForm>
        </>
      )}
    </section>
  );
}
