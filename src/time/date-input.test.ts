import { describe, expect, it } from 'vitest';
import { parseCalendarDate, parseDateRange } from './date-input.ts';

describe('dates at the edge', () => {
  it('turns a bad date into LT_ERR_BAD_DATE naming the value', () => {
    expect(parseCalendarDate('2016-02-29')).toBe('2016-02-29');
    expect(() => parseCalendarDate('2015-02-29', '统计日期')).toThrow(
      expect.objectContaining({
        code: 'LT_ERR_BAD_DATE',
        message: expect.stringContaining('统计日期 "2015-02-29"'),
      }),
    );
  });

  it('refuses inverted and over-long ranges with stable codes', () => {
    expect(parseDateRange('2016-01-01', '2016-01-31')).toEqual({
      from: '2016-01-01',
      to: '2016-01-31',
    });
    expect(() => parseDateRange('2016-02-01', '2016-01-01')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_RANGE' }),
    );
    expect(() => parseDateRange('2016-02-30', '2016-03-01')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_DATE' }),
    );
    expect(() => parseDateRange('2016-01-01', '2016-13-01')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_DATE' }),
    );
    expect(() => parseDateRange('2000-01-01', '2016-01-01')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_RANGE' }),
    );
    expect(() => parseDateRange('2016-01-01', '2016-01-10', 9)).toThrow(
      expect.objectContaining({
        code: 'LT_ERR_BAD_RANGE',
        message: expect.stringContaining('跨度 10 天'),
      }),
    );
  });
});
