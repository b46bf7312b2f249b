'use client';

import { useEffect } from 'react';

/**
 * The navigation's menus are <details> (they open without JavaScript); with it, they also close
 * the way menus do: after a choice, on a click outside, and on Escape (focus back on the menu's
 * title). One listener set for every `details` inside the element with `data-menus`.
 */
export function MenuCloser() {
  useEffect(() => {
    const menus = () => [
      ...document.querySelectorAll<HTMLDetailsElement>('[data-menus] details[open]'),
    ];
    const onClick = (e: MouseEvent) => {
      const target = e.target as Element | null;
      for (const d of menus()) {
        const inside = target ? d.contains(target) : false;
        const chose = inside && target?.closest('a') !== null;
        if (!inside || chose) d.open = false;
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      for (const d of menus()) {
        const hadFocus = d.contains(document.activeElement);
        d.open = false;
        if (hadFocus) d.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('click', onClick);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  return null;
}
