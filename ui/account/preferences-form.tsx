import { getMyPreferences } from '@/lib/preferences/display';
import { savePreferencesAction } from '@/lib/preferences/actions';
import { THEMES } from '@/lib/preferences/domain/preferences';
import { ActionForm } from '@/ui/admin/action-form';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Every zone the server's Intl lists, UTC first (Node's ICU: about 420 names), plus the current
 * names ICU lists under their older spelling (Asia/Calcutta for Asia/Kolkata).
 */
const CURRENT_NAMES = [
  'Asia/Kolkata',
  'Europe/Kyiv',
  'Asia/Kathmandu',
  'Asia/Yangon',
  'America/Nuuk',
];
const ZONES = [
  'UTC',
  ...[...Intl.supportedValuesOf('timeZone'), ...CURRENT_NAMES]
    .filter((z, i, all) => z !== 'UTC' && all.indexOf(z) === i)
    .sort(),
];

/**
 * /account: the time zone times are shown in (a page's `tz=` overrides it), the first day of a
 * week and the first month of a fiscal year (the window presets), and the theme (issue 15).
 */
export async function PreferencesForm() {
  const p = await getMyPreferences();
  return (
    <section className="panel" data-testid="preferences">
      <h2>Display preferences</h2>
      <ActionForm
        action={savePreferencesAction}
        submit="Save preferences"
        testId="preferences-form"
      >
        {/* keyed on the saved values: after a save the fields are new ones showing them (React
            resets a form after its action, to each field's first default) */}
        <span key={JSON.stringify(p)} style={{ display: 'contents' }}>
          <label>
            Time zone{' '}
            <select name="timeZone" defaultValue={p.timeZone} data-testid="pref-time-zone">
              {ZONES.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </label>
          <label>
            Weeks start on{' '}
            <select name="weekStart" defaultValue={p.weekStart} data-testid="pref-week-start">
              <option value="monday">Monday</option>
              <option value="sunday">Sunday</option>
            </select>
          </label>
          <label>
            Fiscal year starts in{' '}
            <select
              name="fiscalYearStartMonth"
              defaultValue={String(p.fiscalYearStartMonth)}
              data-testid="pref-fiscal-month"
            >
              {MONTHS.map((m, i) => (
                <option key={m} value={String(i + 1)}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label>
            Theme{' '}
            <select name="theme" defaultValue={p.theme} data-testid="pref-theme">
              {THEMES.map((t) => (
                <option key={t} value={t}>
                  {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
                </option>
              ))}
            </select>
          </label>
        </span>
      </ActionForm>
      <p className="muted">
        Times, chart axes and the Current Day, This week, Current Month, This quarter, This fiscal
        year and Year to date windows follow the time zone; add <code>tz=</code> to a page&apos;s
        address (e.g. <code>tz=Europe/London</code>) to override it there. Daily report figures stay
        UTC days.
      </p>
    </section>
  );
}
