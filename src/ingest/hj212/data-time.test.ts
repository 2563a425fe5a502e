import { describe, expect, it } from 'vitest';
import { parseDataTime } from './data-time.ts';

describe('parseDataTime (HJ 212-2017 Table 4, local time)', () => {
  it('reads YYYYMMDDhhmmss in Beijing time as UTC epoch ms', () => {
    // docs/standards/hj212.md §1.5: hourly DataTime=20160801080000 covers 08:00–09:00 local.
    expect(parseDataTime('20160801080000', 'Asia/Shanghai')).toBe(Date.UTC(2016, 7, 1, 0, 0, 0));
    expect(parseDataTime('20191012133710', 'Asia/Shanghai')).toBe(Date.UTC(2019, 9, 12, 5, 37, 10));
  });
  it('accepts trailing milliseconds', () => {
    expect(parseDataTime('20160801080000123', 'Asia/Shanghai')).toBe(Date.UTC(2016, 7, 1) + 123);
  });
  it.each([
    '',
    '2016080108000',
    '20161301080000',
    '20160230080000',
    '20160801240000',
    '2016080108600x',
    '19690101000000',
  ])('rejects %j', (s) => {
    expect(parseDataTime(s, 'Asia/Shanghai')).toBeNaN();
  });
});
