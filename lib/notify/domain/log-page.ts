import { BadRequestError } from '../../core/errors';

/** The delivery log's pager on /alerts/channels: `page` from 1 (default 1), 50 rows a page. */
export const LOG_PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

export function parseLogPage(q: Record<string, string | string[] | undefined>): { page: number } {
  const v = q.page;
  if (v === undefined || v === '') return { page: 1 };
  if (Array.isArray(v)) throw new BadRequestError('page is given more than once', 'page', 'page=2');
  if (!/^\d{1,6}$/.test(v) || Number(v) < 1 || Number(v) > MAX_PAGE)
    throw new BadRequestError(
      `page must be a whole number from 1 to ${MAX_PAGE}, got "${v.slice(0, 40)}"`,
      'page',
      'page=2',
    );
  return { page: Number(v) };
}
