import { describe, expect, it } from 'vitest';
import { checkReadings, csvReadings, readTime } from './reading-rows.ts';

const TZ = 'Asia/Shanghai';

describe('reading rows', () => {
  it('reads epoch ms, ISO 8601 with an offset and local wall-clock times', () => {
    const t = Date.UTC(2026, 0, 5, 0, 30);
    expect(readTime(t, TZ)).toBe(t);
    expect(readTime(String(t), TZ)).toBe(t);
    expect(readTime('2026-01-05T08:30:00+08:00', TZ)).toBe(t);
    expect(readTime('2026-01-05 08:30', TZ)).toBe(t);
    expect(readTime('2026-01-05T08:30:00', TZ)).toBe(t);
    expect(readTime('2026-13-05 08:30', TZ)).toBeNull();
    expect(readTime('2026-01-05T08:30:00 Beijing', TZ)).toBeNull();
    expect(readTime(1.5, TZ)).toBeNull();
  });

  it('lists each bad row once with its code', () => {
    const now = Date.UTC(2026, 0, 5);
    const { readings, issues } = checkReadings(
      [
        { row: 2, meter: ' P1 ', time: now, kw: '12.5', kwh: '' },
        { row: 3, meter: 'P1', time: now + 2 * 86_400_000, kw: 1 },
        { row: 4, meter: 'P1', time: now, kw: 3 },
      ],
      new Map([['P1', 7]]),
      TZ,
      now,
    );
    expect(readings).toEqual([{ meterId: 7, time: now, kw: 12.5, kwh: null }]);
    expect(issues.map((i) => [i.row, i.code])).toEqual([
      [3, 'LT_ERR_BAD_TIME'],
      [4, 'LT_ERR_BAD_POWER_READING'],
    ]);
  });

  it('splits a CSV by its titles, in any order, English or Chinese', () => {
    const r = csvReadings('\uFEFF功率,电表,时间\r\n800,P1,2026-01-05 08:00\r\n\r\n"1,2"\r\n');
    expect(r.rows).toEqual([
      { row: 2, meter: 'P1', time: '2026-01-05 08:00', kw: '800', kwh: null },
    ]);
    expect(r.issues).toEqual([expect.objectContaining({ row: 4, code: 'LT_ERR_CSV_ROW' })]);
    expect(csvReadings('meter,kw\nP1,1\n').issues[0]!.code).toBe('LT_ERR_CSV_HEADER');
  });
});
