import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from './batch-wire.ts';
import { IngestBatch } from './value-batch.ts';

describe('batch message to the writer thread', () => {
  it('round-trips rows, nulls, readings and quarantine', () => {
    const b = new IngestBatch();
    const i = b.addRow(28_000_000, 7, 2061, 'a34004', 1_680_000_000_000, 1_680_000_001_000);
    b.avg[i] = 35.5;
    b.flag[i] = 'N';
    b.extra[i] = '{"SampleTime":"20240301080000"}';
    b.addRow(28_000_000, 7, 2061, 'a21026', 1_680_000_000_000, 1_680_000_001_000);
    b.addReading(1_680_000_000_000, 3, 'PM2.5', 35.5, 'N', 9);
    b.addQuarantine(1, '1.2.3.4:5', null, 'unknown_device', '22', '2011', '##0001x');
    const d = decodeBatch(structuredClone(encodeBatch(b)));
    for (const col of [
      'minute',
      'deviceId',
      'cn',
      'code',
      'dataTime',
      'rtd',
      'avg',
      'min',
      'flag',
      'eflag',
      'extra',
      'receivedAt',
    ] as const) {
      expect(d[col].slice(0, d.n)).toEqual(b[col].slice(0, b.n));
    }
    expect(d.rn).toBe(1);
    expect(d.rPollutant[0]).toBe('PM2.5');
    expect(d.qn).toBe(1);
    expect(d.qMn[0]).toBeNull();
  });
});
