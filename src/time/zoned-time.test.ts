import { describe, expect, it } from 'vitest';
import {
  dateStartEpoch,
  epochToLocal,
  epochToLocalDate,
  formatLocalIso,
  localToEpoch,
  offsetMinutes,
} from './zoned-time.ts';

describe('zoned time', () => {
  it('places Beijing local midnight at 16:00 UTC of the day before', () => {
    expect(localToEpoch('Asia/Shanghai', 2016, 1, 1, 0)).toBe(Date.UTC(2015, 11, 31, 16));
    expect(dateStartEpoch('Asia/Shanghai', '2016-01-01')).toBe(Date.UTC(2015, 11, 31, 16));
    expect(epochToLocalDate('Asia/Shanghai', Date.UTC(2015, 11, 31, 15, 59))).toBe('2015-12-31');
    expect(epochToLocalDate('Asia/Shanghai', Date.UTC(2015, 11, 31, 16))).toBe('2016-01-01');
  });

  it('handles a zone with daylight saving through Intl', () => {
    // New York: 2016-03-13 02:00 local does not exist; offsets −5 h before, −4 h after.
    expect(offsetMinutes('America/New_York', Date.UTC(2016, 0, 1))).toBe(-300);
    expect(offsetMinutes('America/New_York', Date.UTC(2016, 6, 1))).toBe(-240);
    const t = localToEpoch('America/New_York', 2016, 7, 1, 9);
    expect(t).toBe(Date.UTC(2016, 6, 1, 13));
    expect(epochToLocal('America/New_York', t)).toEqual({
      year: 2016,
      month: 7,
      day: 1,
      hour: 9,
      minute: 0,
    });
  });

  it('matches Intl for China before 1992 (daylight saving 1986–1991)', () => {
    expect(offsetMinutes('Asia/Shanghai', Date.UTC(1990, 6, 1))).toBe(540);
    expect(offsetMinutes('Asia/Shanghai', Date.UTC(2016, 6, 1))).toBe(480);
  });

  it('formats local ISO text with the offset', () => {
    expect(formatLocalIso('Asia/Shanghai', Date.UTC(2016, 0, 1, 0))).toBe(
      '2016-01-01T08:00:00+08:00',
    );
  });
});
