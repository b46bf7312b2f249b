'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';

/** Keys a person types into a field: never taken as a window shortcut. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement
  );
}

/**
 * The window control's keyboard: ← the previous window, → the next (when there is one), `t`
 * the current period of the same length (today for a day). Ignored while typing in a field,
 * with a modifier key held (browser and screen-reader shortcuts stay theirs) or when another
 * handler took the key. Navigates in a transition without scrolling, like the links: the
 * charts on screen stay until the new window's arrive. Renders the pending state only.
 */
export function KeyboardNav({
  prev,
  next,
  today,
}: {
  prev: string | null;
  next: string | null;
  today: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Marked (data-keys="on") once the listener is on, after hydration: keys pressed before it
  // do nothing. A DOM mark, not state: nothing needs to render again for it.
  const mark = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    mark.current?.setAttribute('data-keys', 'on');
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.repeat) return;
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (typingInto(e.target)) return;
      const href =
        e.key === 'ArrowLeft' ? prev : e.key === 'ArrowRight' ? next : e.key === 't' ? today : null;
      if (!href) return;
      e.preventDefault();
      startTransition(() => router.push(href, { scroll: false }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [prev, next, today, router]);
  // Out of the flow (a zero-height line): showing it moves nothing.
  return (
    <span style={{ position: 'relative', height: 0, alignSelf: 'stretch' }}>
      <span
        className="muted"
        data-testid="window-pending"
        ref={mark}
        data-keys="off"
        aria-live="polite"
        style={{ position: 'absolute', right: 0, top: -2 }}
      >
        {pending ? 'Loading…' : ''}
      </span>
    </span>
  );
}
