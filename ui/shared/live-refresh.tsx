'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useSyncExternalStore, useTransition } from 'react';

/** localStorage: 'off' when the user turned live refresh off (default on). */
export const LIVE_REFRESH_KEY = 'gryphon:live-refresh';
/** localStorage: another period in seconds (at least 5), for operators who want it faster. */
export const LIVE_REFRESH_SECONDS_KEY = 'gryphon:live-refresh-seconds';
const DEFAULT_SECONDS = 60;
const MIN_SECONDS = 5;

const CHANGED = 'gryphon:live-refresh-changed';

/** localStorage as an external store: other tabs' changes (storage) and this tab's (CHANGED). */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}
const storedOn = () => window.localStorage.getItem(LIVE_REFRESH_KEY) !== 'off';
function storedSeconds(): number {
  const n = Number(window.localStorage.getItem(LIVE_REFRESH_SECONDS_KEY));
  return Number.isFinite(n) && n >= MIN_SECONDS ? Math.floor(n) : DEFAULT_SECONDS;
}

/**
 * The live-refresh toggle of a window that includes now: every period (60 s unless set in
 * localStorage) the page's server components render again through router.refresh(), in a
 * transition, so what is on screen stays until the new render arrives, and scroll position,
 * open <details> and form fields are kept. Paused while the tab is hidden; on returning, a
 * refresh that fell due meanwhile happens at once. The choice is remembered in localStorage.
 */
export function LiveRefresh() {
  const router = useRouter();
  // The server cannot read localStorage: it renders the default, the browser the stored choice.
  const on = useSyncExternalStore(subscribe, storedOn, () => true);
  const seconds = useSyncExternalStore(subscribe, storedSeconds, () => DEFAULT_SECONDS);
  const [pending, startTransition] = useTransition();
  // When the page was last rendered: the first period counts from mounting.
  const last = useRef<number | null>(null);

  const refresh = useCallback(() => {
    last.current = Date.now();
    startTransition(() => router.refresh());
  }, [router]);

  useEffect(() => {
    if (!on) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      if (document.visibilityState === 'hidden') return;
      last.current ??= Date.now();
      const due = Math.max(0, last.current + seconds * 1000 - Date.now());
      timer = setTimeout(() => {
        refresh();
        schedule();
      }, due);
    };
    schedule();
    document.addEventListener('visibilitychange', schedule);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', schedule);
    };
  }, [on, seconds, refresh]);

  return (
    <label
      className="live-refresh"
      style={{ whiteSpace: 'nowrap' }}
      data-testid="live-refresh"
      data-on={on ? 'true' : 'false'}
      data-pending={pending ? 'true' : 'false'}
      title="This window includes now: the page reloads its data while the tab is visible"
    >
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          const next = e.target.checked;
          window.localStorage.setItem(LIVE_REFRESH_KEY, next ? 'on' : 'off');
          last.current = Date.now();
          window.dispatchEvent(new Event(CHANGED));
        }}
      />{' '}
      Live: refresh every {seconds} s{pending ? ' (refreshing…)' : ''}
    </label>
  );
}
