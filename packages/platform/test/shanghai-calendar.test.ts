import {
  cutoffFor,
  isLate,
  PERIOD_KINDS,
  periodOf,
  periodsBetween,
  previousPeriod,
  shanghaiDate,
  shanghaiDaysBetween,
  type Period,
  type PeriodKind,
} from '../src/time';

const at = (iso: string): Date => new Date(iso);
const plain = (p: Period) => ({ kind: p.kind, start: p.start.toISOString(), end: p.end.toISOString(), label: p.label });
const period = (kind: PeriodKind, iso: string) => plain(periodOf(kind, at(iso)));
const BY_TEN_NEXT_DAY = { daysAfter: 1, at: '10:00' } as const;

describe('periodOf', () => {
  it('lists the kinds once, in the order a GraphQL enum will show them', () => {
    expect(PERIOD_KINDS).toEqual(['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']);
  });

  it('cuts days at Shanghai midnight (16:00 UTC)', () => {
    expect(period('DAY', '2026-11-25T15:59:59.999Z')).toEqual({
      kind: 'DAY', start: '2026-11-24T16:00:00.000Z', end: '2026-11-25T16:00:00.000Z', label: '2026-11-25',
    });
    expect(period('DAY', '2026-11-25T16:00:00Z')).toEqual({
      kind: 'DAY', start: '2026-11-25T16:00:00.000Z', end: '2026-11-26T16:00:00.000Z', label: '2026-11-26',
    });
  });

  it('starts ISO weeks on Monday 00:00 Shanghai, which is Sunday 16:00 UTC', () => {
    const w48 = { kind: 'WEEK', start: '2026-11-22T16:00:00.000Z', end: '2026-11-29T16:00:00.000Z', label: '2026-W48' };
    expect(period('WEEK', '2026-11-22T16:00:00Z')).toEqual(w48);
    expect(period('WEEK', '2026-11-25T02:00:00Z')).toEqual(w48);
    expect(period('WEEK', '2026-11-29T15:59:59.999Z')).toEqual(w48);
    expect(period('WEEK', '2026-11-29T16:00:00Z').label).toBe('2026-W49');
    expect(period('WEEK', '2026-11-22T15:59:59.999Z').label).toBe('2026-W47');
  });

  it('puts 31 Dec 2026 and 1 Jan 2027 in week 53 of 2026, and 4 Jan 2027 in week 1 of 2027', () => {
    const w53 = { kind: 'WEEK', start: '2026-12-27T16:00:00.000Z', end: '2027-01-03T16:00:00.000Z', label: '2026-W53' };
    expect(period('WEEK', '2026-12-31T04:00:00Z')).toEqual(w53);
    expect(period('WEEK', '2027-01-01T04:00:00Z')).toEqual(w53);
    expect(period('WEEK', '2027-01-03T15:59:59.999Z')).toEqual(w53); // Sunday 23:59:59 in Shanghai
    expect(period('WEEK', '2027-01-03T16:00:00Z')).toEqual({
      kind: 'WEEK', start: '2027-01-03T16:00:00.000Z', end: '2027-01-10T16:00:00.000Z', label: '2027-W01',
    });
  });

  it('labels a week by its ISO week-year when week 1 starts in December', () => {
    expect(period('WEEK', '2024-12-30T04:00:00Z')).toEqual({
      kind: 'WEEK', start: '2024-12-29T16:00:00.000Z', end: '2025-01-05T16:00:00.000Z', label: '2025-W01',
    });
    expect(period('WEEK', '2024-12-29T04:00:00Z').label).toBe('2024-W52');
  });

  it('starts months, quarters and years at Shanghai midnight', () => {
    expect(period('MONTH', '2026-11-25T02:00:00Z')).toEqual({
      kind: 'MONTH', start: '2026-10-31T16:00:00.000Z', end: '2026-11-30T16:00:00.000Z', label: '2026-11',
    });
    expect(period('MONTH', '2026-11-30T16:00:00Z').label).toBe('2026-12'); // still 30 Nov in UTC
    expect(period('QUARTER', '2026-11-25T02:00:00Z')).toEqual({
      kind: 'QUARTER', start: '2026-09-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z', label: '2026-Q4',
    });
    expect(period('QUARTER', '2026-09-30T16:00:00Z').label).toBe('2026-Q4');
    expect(period('QUARTER', '2026-09-30T15:59:59.999Z').label).toBe('2026-Q3');
    expect(period('YEAR', '2026-11-25T02:00:00Z')).toEqual({
      kind: 'YEAR', start: '2025-12-31T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z', label: '2026',
    });
    expect(period('YEAR', '2026-12-31T16:00:00Z').label).toBe('2027');
  });

  it('refuses an invalid Date', () => {
    expect(() => periodOf('DAY', new Date('garbage'))).toThrow('Invalid Date passed to the Shanghai calendar');
  });
});

describe('previousPeriod', () => {
  it.each([
    ['WEEK', '2026-11-25T02:00:00Z', '2026-W47', '2026-11-15T16:00:00.000Z'],
    ['WEEK', '2027-01-05T02:00:00Z', '2026-W53', '2026-12-27T16:00:00.000Z'],
    ['DAY', '2026-03-01T02:00:00Z', '2026-02-28', '2026-02-27T16:00:00.000Z'],
    ['MONTH', '2027-01-15T02:00:00Z', '2026-12', '2026-11-30T16:00:00.000Z'],
    ['QUARTER', '2026-02-01T02:00:00Z', '2025-Q4', '2025-09-30T16:00:00.000Z'],
    ['YEAR', '2026-06-01T02:00:00Z', '2025', '2024-12-31T16:00:00.000Z'],
  ] as const)('%s before %s is %s', (kind, instant, label, start) => {
    const current = periodOf(kind, at(instant));
    const previous = previousPeriod(current);
    expect(plain(previous)).toEqual({ kind, start, end: current.start.toISOString(), label });
  });
});

describe('periodsBetween', () => {
  it('covers the half-open range across a year boundary, end excluded', () => {
    const months = periodsBetween('MONTH', at('2026-10-31T16:00:00Z'), at('2027-01-31T16:00:00Z'));
    expect(months.map((p) => p.label)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(months.map((p) => p.end.toISOString())).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2027-01-31T16:00:00.000Z']);
  });

  it('lists weeks through week 53 into the next ISO year, each starting where the last ended', () => {
    const weeks = periodsBetween('WEEK', at('2026-12-25T04:00:00Z'), at('2027-01-06T04:00:00Z'));
    expect(weeks.map((p) => p.label)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(weeks.map((p) => p.start.toISOString())).toEqual(['2026-12-20T16:00:00.000Z', '2026-12-27T16:00:00.000Z', '2027-01-03T16:00:00.000Z']);
  });

  it('counts a range ending at 08:00 on 1 Jan in Shanghai as reaching into the new year', () => {
    expect(periodsBetween('YEAR', at('2025-06-01T00:00:00Z'), at('2027-01-01T00:00:00Z')).map((p) => p.label)).toEqual(['2025', '2026', '2027']);
    expect(periodsBetween('QUARTER', at('2026-08-15T00:00:00Z'), at('2027-02-01T00:00:00Z')).map((p) => p.label)).toEqual([
      '2026-Q3', '2026-Q4', '2027-Q1',
    ]);
    expect(periodsBetween('DAY', at('2026-12-30T16:00:00Z'), at('2027-01-01T16:00:00Z')).map((p) => p.label)).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('is empty for an empty range and refuses a reversed one', () => {
    expect(periodsBetween('DAY', at('2026-11-25T02:00:00Z'), at('2026-11-25T02:00:00Z'))).toEqual([]);
    expect(() => periodsBetween('DAY', at('2026-11-26T00:00:00Z'), at('2026-11-25T00:00:00Z'))).toThrow(
      expect.objectContaining({ message: 'The end of a date range cannot be before its start.', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});

describe('shanghaiDate and shanghaiDaysBetween', () => {
  it('names the day a Shanghai office sees', () => {
    expect(shanghaiDate(at('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(shanghaiDate(at('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(shanghaiDate(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('counts calendar days, not 24-hour spans', () => {
    expect(shanghaiDaysBetween(at('2026-11-25T15:59:00Z'), at('2026-11-25T16:00:00Z'))).toBe(1);
    expect(shanghaiDaysBetween(at('2026-11-24T16:00:00Z'), at('2026-11-25T15:59:59Z'))).toBe(0);
    expect(shanghaiDaysBetween(at('2026-12-25T04:00:00Z'), at('2027-01-04T04:00:00Z'))).toBe(10);
    expect(shanghaiDaysBetween(at('2026-11-26T04:00:00Z'), at('2026-11-25T04:00:00Z'))).toBe(-1);
  });
});

describe('cut-offs', () => {
  it("puts the cut-off for yesterday's records at 10:00 Shanghai today", () => {
    expect(cutoffFor('2026-11-25', BY_TEN_NEXT_DAY).toISOString()).toBe('2026-11-26T02:00:00.000Z');
    expect(cutoffFor('2026-12-31', BY_TEN_NEXT_DAY).toISOString()).toBe('2027-01-01T02:00:00.000Z');
    expect(cutoffFor('2026-11-25', { daysAfter: 0, at: '23:30' }).toISOString()).toBe('2026-11-25T15:30:00.000Z');
  });

  it('is on time at 09:59:59 the next day and late from 10:00:00', () => {
    expect(isLate('2026-11-25', at('2026-11-25T12:00:00Z'), BY_TEN_NEXT_DAY)).toBe(false);
    expect(isLate('2026-11-25', at('2026-11-26T01:59:59Z'), BY_TEN_NEXT_DAY)).toBe(false);
    expect(isLate('2026-11-25', at('2026-11-26T01:59:59.999Z'), BY_TEN_NEXT_DAY)).toBe(false);
    expect(isLate('2026-11-25', at('2026-11-26T02:00:00Z'), BY_TEN_NEXT_DAY)).toBe(true);
  });

  it.each(['2026-02-30', '2026-W48', '2026-11-25T00:00:00Z', '25/11/2026'])('refuses the day %j as BAD_USER_INPUT', (day) => {
    expect(() => cutoffFor(day, BY_TEN_NEXT_DAY)).toThrow(
      expect.objectContaining({
        message: `"${day}" is not a calendar day; expected YYYY-MM-DD, e.g. 2026-11-25.`,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    );
  });

  it.each([
    { daysAfter: 1, at: '24:00' },
    { daysAfter: 1, at: '9:00' },
    { daysAfter: -1, at: '10:00' },
    { daysAfter: 0.5, at: '10:00' },
  ])('refuses the malformed rule %j', (rule) => {
    expect(() => cutoffFor('2026-11-25', rule)).toThrow(`Cut-off rule ${JSON.stringify(rule)} needs a whole daysAfter ≥ 0 and at as HH:mm`);
  });
});
