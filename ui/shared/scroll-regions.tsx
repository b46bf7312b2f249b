'use client';

import { useEffect } from 'react';

// table.data: a wide table outside a card scrolls in itself on a phone (app/globals.css)
const SCROLLERS = '.panel, .scroll-x, .table-scroll, table.data';

/**
 * A card whose table is wider than the screen scrolls sideways (app/globals.css); a keyboard
 * user can scroll it only if it can take focus. Such a region gets tabindex=0 (and loses it
 * when it fits again), re-checked when the page's content or size changes.
 */
export function ScrollRegions() {
  useEffect(() => {
    let frame = 0;
    const check = () => {
      frame = 0;
      for (const el of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const scrolls = el.scrollWidth > el.clientWidth + 1;
        if (scrolls && !el.hasAttribute('tabindex')) {
          el.setAttribute('tabindex', '0');
          el.dataset.scrollRegion = '';
        } else if (!scrolls && el.dataset.scrollRegion !== undefined) {
          el.removeAttribute('tabindex');
          delete el.dataset.scrollRegion;
        }
      }
    };
    const later = () => {
      if (frame === 0) frame = requestAnimationFrame(check);
    };
    check();
    const observer = new MutationObserver(later);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', later);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', later);
      cancelAnimationFrame(frame);
    };
  }, []);
  return null;
}
