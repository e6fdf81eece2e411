import { locationRefusal, shanghaiWeekdayAndMinute, type LocationFacts } from '../src/modules/location-consent';

const weekdays9to6 = { weekdays: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 18 * 60 };
const facts = (overrides: Partial<LocationFacts>): LocationFacts => ({
  active: true,
  consented: true,
  companyDevice: true,
  hours: weekdays9to6,
  // Monday 2026-11-23, 10:00 in Shanghai.
  at: new Date('2026-11-23T02:00:00Z'),
  ...overrides,
});

describe('when location may be recorded (ORG-8)', () => {
  it('reads the clock in Shanghai, not UTC', () => {
    // 17:30 UTC on Sunday is 01:30 on Monday in Shanghai.
    expect(shanghaiWeekdayAndMinute(new Date('2026-11-22T17:30:00Z'))).toEqual({ weekday: 1, minute: 90 });
  });

  it('allows a consenting, active person on a company device within working hours', () => {
    expect(locationRefusal(facts({}))).toBeNull();
  });

  it.each([
    ['inactive', { active: false }, 'INACTIVE'],
    ['without consent', { consented: false }, 'NO_CONSENT'],
    ['on a private device', { companyDevice: false }, 'NOT_COMPANY_DEVICE'],
    ['at 18:00 sharp, when the day has ended', { at: new Date('2026-11-23T10:00:00Z') }, 'OUTSIDE_WORKING_HOURS'],
    ['at 08:59', { at: new Date('2026-11-23T00:59:00Z') }, 'OUTSIDE_WORKING_HOURS'],
    ['on a Saturday', { at: new Date('2026-11-28T02:00:00Z') }, 'OUTSIDE_WORKING_HOURS'],
    ['where no working hours are set', { hours: null }, 'OUTSIDE_WORKING_HOURS'],
  ])('refuses someone %s', (_case, overrides, refusal) => {
    expect(locationRefusal(facts(overrides))).toBe(refusal);
  });
});
