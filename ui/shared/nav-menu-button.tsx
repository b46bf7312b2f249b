'use client';

import { useState } from 'react';

/**
 * On a phone the navigation's links fold behind this button (app/globals.css shows them while
 * the nav has data-open); on wider screens it is hidden and the links are always shown.
 */
export function NavMenuButton({ controls }: { controls: string }) {
  const [open, setOpen] = useState(false);
  return (
    <button
      type="button"
      className="nav-menu-button"
      aria-expanded={open}
      aria-controls={controls}
      data-testid="nav-menu-button"
      onClick={(e) => {
        const next = !open;
        setOpen(next);
        e.currentTarget.closest('nav')?.toggleAttribute('data-open', next);
      }}
    >
      Menu
    </button>
  );
}
