'use client';

import { createContext, useContext } from 'react';

/**
 * The display zone (issue 15: the user's preference, or the page's `tz=`) for client components:
 * a page wraps its charts in <DisplayZoneProvider zone={calendar.zone}>, and chart axes and
 * tooltips read it with useDisplayZone(). Server components take it as a `tz` prop instead.
 */
const DisplayZoneContext = createContext<string>('UTC');

export function DisplayZoneProvider({
  zone,
  children,
}: {
  zone: string;
  children: React.ReactNode;
}) {
  return <DisplayZoneContext.Provider value={zone}>{children}</DisplayZoneContext.Provider>;
}

export function useDisplayZone(): string {
  return useContext(DisplayZoneContext);
}
