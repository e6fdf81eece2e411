import { ManualClock, shanghaiDate, shanghaiDaysBetween, systemClock, type Clock } from '../src/time';

/** A rule as a domain module would write it: it asks the clock, never the wall. */
const NO_VISIT_DAYS = 10;
const isNeglected = (lastVisit: Date, clock: Clock): boolean => shanghaiDaysBetween(lastVisit, clock.now()) >= NO_VISIT_DAYS;

describe('ManualClock', () => {
  it('starts where it is told and moves only when advanced', () => {
    const clock = new ManualClock('2026-11-25T02:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-11-25T02:00:00.000Z');
    clock.advance({ days: 1, hours: 2, minutes: 3, seconds: 4, milliseconds: 5 });
    expect(clock.now().toISOString()).toBe('2026-11-26T04:03:04.005Z');
    clock.advance({ hours: -4 });
    expect(clock.now().toISOString()).toBe('2026-11-26T00:03:04.005Z');
  });

  it('jumps with set, reading offsets such as +08:00', () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    clock.set('2026-11-25T10:00:00+08:00');
    expect(clock.now().toISOString()).toBe('2026-11-25T02:00:00.000Z');
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('cannot be moved by mutating a Date it handed out', () => {
    const clock = new ManualClock('2026-11-25T02:00:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-11-25T02:00:00.000Z');
  });

  it.each(['2026-11-25T10:00:00', '2026-11-25', 'yesterday'])('refuses %j, which names no instant on its own', (text) => {
    expect(() => new ManualClock(text)).toThrow(`ManualClock: "${text}" is not an ISO instant with an offset (e.g. 2026-11-25T02:00:00Z)`);
  });

  it('refuses an invalid Date', () => {
    expect(() => new ManualClock(new Date('garbage'))).toThrow('ManualClock: invalid Date');
  });

  it('moves a "no visit for 10 days" rule across the Shanghai midnight, not the UTC one', () => {
    const lastVisit = new Date('2026-11-16T01:00:00Z'); // 09:00 on 16 Nov in Shanghai
    const clock = new ManualClock('2026-11-25T15:59:59Z'); // 23:59:59 on 25 Nov in Shanghai
    expect(shanghaiDate(clock.now())).toBe('2026-11-25');
    expect(shanghaiDaysBetween(lastVisit, clock.now())).toBe(9);
    expect(isNeglected(lastVisit, clock)).toBe(false);

    clock.advance({ seconds: 1 }); // 00:00:00 on 26 Nov in Shanghai, still 25 Nov in UTC
    expect(clock.now().toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(shanghaiDate(clock.now())).toBe('2026-11-26');
    expect(shanghaiDaysBetween(lastVisit, clock.now())).toBe(10);
    expect(isNeglected(lastVisit, clock)).toBe(true);
  });
});

describe('systemClock', () => {
  it('reads the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
