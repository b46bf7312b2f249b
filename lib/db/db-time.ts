/**
 * DATETIME values arrive as naive UTC strings ("2024-03-01 13:00:05") because every pool runs
 * with dateStrings and time_zone +00:00; these helpers are the only place they become Dates.
 */
export function parseDbDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const d = new Date(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A Date as a naive UTC DATETIME literal for query parameters ("2024-03-01 13:00:05"). */
export function toDbDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
