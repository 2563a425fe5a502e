import { describe, expect, it } from 'vitest';
import {
  addDays,
  assertDateRange,
  DAY_MS,
  dateToDayNumber,
  dayNumberToDate,
  type DateRangeError,
  daysInclusive,
  daysInMonth,
  eachLocalDate,
  isLeapYear,
  formatLocalDate,
  HOUR_MS,
  isLocalDate,
  samePeriodLastYear,
} from './local-date.ts';

describe('local dates', () => {
  it('knows leap years and month lengths', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('validates, steps and counts', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInclusive('2024-01-02', '2024-01-01')).toBe(0);
    expect(eachLocalDate('2024-12-30', '2025-01-02')).toEqual([
      '2024-12-30',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
    ]);
  });
});

describe('the calendar core', () => {
  it('walks day numbers both ways and formats dates', () => {
    expect(dateToDayNumber('1970-01-02')).toBe(1);
    expect(dayNumberToDate(dateToDayNumber('2016-02-29'))).toBe('2016-02-29');
    expect(formatLocalDate(987, 3, 4)).toBe('0987-03-04');
    expect(DAY_MS).toBe(24 * HOUR_MS);
  });

  it('refuses ranges with plain errors that say why', () => {
    const problem = (from: string, to: string, max?: number): string | null => {
      try {
        assertDateRange(from, to, max);
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(RangeError);
        return (e as DateRangeError).problem;
      }
    };
    expect(problem('2016-01-01', '2016-01-01')).toBeNull();
    expect(problem('2016-02-30', '2016-03-01')).toBe('bad-from');
    expect(problem('2016-03-01', '2016-3-02')).toBe('bad-to');
    expect(problem('2016-02-01', '2016-01-01')).toBe('inverted');
    expect(problem('2016-01-01', '2016-01-10', 9)).toBe('too-long');
    expect(problem('2000-01-01', '2016-01-01')).toBe('too-long');
  });

  it('maps the same period of last year, 29 February to the 28th', () => {
    expect(samePeriodLastYear('2016-02-01', '2016-02-29')).toEqual({
      from: '2015-02-01',
      to: '2015-02-28',
    });
  });

  it('refuses to count from a string that is no date', () => {
    expect(() => addDays('2016-1-01', 1)).toThrow(RangeError);
  });
});
