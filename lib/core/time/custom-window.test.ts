import { describe, expect, it } from 'vitest';
import { customWindowLocation } from './custom-window';

const NY = 'America/New_York';

describe('the Custom… form in a display zone', () => {
  it('writes the wall times with the zone offsets in force, keeping the page parameters', () => {
    // New York's 23-hour 8 March 2026: midnight EST (-05:00) to midnight EDT (-04:00)
    expect(
      customWindowLocation({
        _path: '/ledger/BITSTAMP',
        _zone: NY,
        _start_offset: '-300',
        _end_offset: '-240',
        start: '2026-03-08T00:00',
        end: '2026-03-09T00:00',
        currency: 'BTC',
        type: ['trade', 'fee'],
        cursor: 'abc',
      }),
    ).toEqual({
      ok: true,
      location:
        '/ledger/BITSTAMP?currency=BTC&type=trade&type=fee&start=2026-03-08T00:00:00-05:00&end=2026-03-09T00:00:00-04:00',
    });
  });

  it('reads Kolkata at +05:30 and keeps an explicit tz', () => {
    expect(
      customWindowLocation({
        _path: '/fund',
        _zone: 'asia/kolkata',
        start: '2026-03-08T05:30',
        end: '2026-03-08T17:45',
        tz: 'Asia/Kolkata',
      }),
    ).toEqual({
      ok: true,
      // '+' is escaped: a bare '+' in a query string is a space
      location:
        '/fund?tz=Asia%2FKolkata&start=2026-03-08T05:30:00%2B05:30&end=2026-03-08T17:45:00%2B05:30',
    });
  });

  it('moves a skipped time on by the gap and keeps the shown offset of a repeated one', () => {
    const at = (q: Record<string, string>) => {
      const r = customWindowLocation({ _path: '/fund', _zone: NY, ...q });
      return r.ok ? new URLSearchParams(r.location.split('?')[1]) : null;
    };
    // 02:30 does not exist on 8 March: 03:30 EDT
    expect(at({ start: '2026-03-08T02:30', end: '2026-03-08T04:00' })?.get('start')).toBe(
      '2026-03-08T03:30:00-04:00',
    );
    // 01:30 on 1 November happens twice: EDT first, EST when the form showed EST
    expect(at({ start: '2026-11-01T01:30' })?.get('start')).toBe('2026-11-01T01:30:00-04:00');
    expect(at({ start: '2026-11-01T01:30', _start_offset: '-300' })?.get('start')).toBe(
      '2026-11-01T01:30:00-05:00',
    );
  });

  it('leaves an empty field to the page default', () => {
    expect(customWindowLocation({ _path: '/fund', _zone: NY, start: '', end: '' })).toEqual({
      ok: true,
      location: '/fund',
    });
  });

  it.each([
    [{ _path: 'https://evil.example/', _zone: NY }, '_path'],
    [{ _path: '//evil.example/x', _zone: NY }, '_path'],
    [{ _path: '/\\evil.example', _zone: NY }, '_path'],
    [{ _zone: NY }, '_path'],
    [{ _path: '/fund', _zone: 'Mars/Olympus_Mons' }, '_zone'],
    [{ _path: '/fund', _zone: NY, start: '2026-03-08' }, 'start'],
    [{ _path: '/fund', _zone: NY, end: '2026-02-30T00:00' }, 'end'],
    [{ _path: '/fund', _zone: NY, start: ['2026-03-08T00:00', '2026-03-09T00:00'] }, 'start'],
    [{ _path: '/fund', _zone: NY, _end_offset: 'EST' }, '_end_offset'],
  ])('refuses %j naming %s', (q, param) => {
    const r = customWindowLocation(q);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.param).toBe(param);
  });
});
