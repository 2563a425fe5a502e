import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInclusive,
  eachDate,
  isCalendarDate,
  parseDateRange,
  samePeriodLastYear,
} from './calendar-date.ts';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2016-02-29')).toBe(true);
    expect(isCalendarDate('2015-02-29')).toBe(false);
    expect(isCalendarDate('2016-13-01')).toBe(false);
    expect(isCalendarDate('2016-1-01')).toBe(false);
    expect(isCalendarDate('2016-01-01T00:00')).toBe(false);
  });

  it('counts and walks days across a leap February', () => {
    expect(daysInclusive('2016-01-01', '2016-12-31')).toBe(366);
    expect(daysInclusive('2015-01-01', '2015-12-31')).toBe(365);
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2016-03-01', -1)).toBe('2016-02-29');
    expect(eachDate('2016-02-27', '2016-03-01')).toEqual([
      '2016-02-27',
      '2016-02-28',
      '2016-02-29',
      '2016-03-01',
    ]);
  });

  it('refuses inverted and over-long ranges with stable codes', () => {
    expect(() => parseDateRange('2016-02-01', '2016-01-01')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_RANGE' }),
    );
    expect(() => parseDateRange('2016-02-30', '2016-03-01')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_DATE' }),
    );
    expect(() => parseDateRange('2000-01-01', '2016-01-01')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_RANGE' }),
    );
  });

  it('maps the same period of last year, 29 February to the 28th', () => {
    expect(samePeriodLastYear('2016-02-01', '2016-02-29')).toEqual({
      from: '2015-02-01',
      to: '2015-02-28',
    });
  });
});
