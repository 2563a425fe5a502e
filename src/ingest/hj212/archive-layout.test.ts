import { describe, expect, it } from 'vitest';
import {
  archiveHour,
  archivePath,
  archiveTime,
  hoursBetween,
  parseArchiveLine,
} from './archive-layout.ts';

describe('raw archive layout', () => {
  const t = Date.UTC(2024, 2, 1, 16, 30, 5, 7); // 2024-03-02 00:30:05.007 Beijing
  it('files by local date and hour', () => {
    const h = archiveHour('Asia/Shanghai', t);
    expect(archivePath(h)).toBe('2024-03-02/00.log');
    expect(h.start).toBe(Date.UTC(2024, 2, 1, 16, 0, 0));
  });
  it('writes local ISO times with milliseconds and offset, which parse back', () => {
    const s = archiveTime('Asia/Shanghai', t);
    expect(s).toBe('2024-03-02T00:30:05.007+08:00');
    const l = parseArchiveLine(`${s}\t127.0.0.1:5000\tMN1234567890123\tcrc_mismatch\t##0001x`);
    expect(l).toMatchObject({
      at: t,
      mn: 'MN1234567890123',
      status: 'crc_mismatch',
      raw: '##0001x',
    });
    expect(parseArchiveLine('not\ta line')).toBeUndefined();
  });
  it('lists the hours of a range', () => {
    const hs = hoursBetween('Asia/Shanghai', t, t + 2 * 3_600_000);
    expect(hs.map(archivePath)).toEqual([
      '2024-03-02/00.log',
      '2024-03-02/01.log',
      '2024-03-02/02.log',
    ]);
  });
});
