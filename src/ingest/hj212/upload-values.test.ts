import { describe, expect, it } from 'vitest';
import type { DeviceView } from '../../devices/device-repo.ts';
import { parseSegment, type Hj212Packet } from '../../protocols/hj212/index.ts';
import { DeviceEntry } from './device-cache.ts';
import { appendUpload } from './upload-values.ts';
import { IngestBatch } from './value-batch.ts';

function device(over: Partial<DeviceView> = {}): DeviceEntry {
  const v: DeviceView = {
    id: 7,
    mn: 'A1B2C3D4E5F6000000000001',
    name: null,
    kind: 'station',
    station_id: 3,
    outlet_id: null,
    password: '123456',
    edition: 'auto',
    crc: 'standard',
    interval_s: 3600,
    aliases: '{}',
    line_end: 'any',
    clock_sync: 'off',
    backfill: 'auto',
    source_id: 11,
    created_at: 0,
    updated_at: 0,
    target: '1011A',
    time_zone: 'Asia/Shanghai',
    region_adcode: null,
    last_packet_at: null,
    last_cn: null,
    last_peer: null,
    last_data_time: null,
    packets: null,
    ...over,
  };
  return new DeviceEntry(v, { perSecond: 0, burst: 1 }, 0);
}

function packet(segment: string): Hj212Packet {
  const r = parseSegment(segment);
  if (!r.ok) throw new Error(r.detail);
  return r.packet;
}

const HOUR = Date.UTC(2024, 2, 1, 0, 0, 0); // DataTime=20240301080000 Beijing

describe('upload values → rows', () => {
  it('groups suffixes by code, keeps flags, extras and unparsable values', () => {
    const b = new IngestBatch();
    const p = packet(
      'QN=1;ST=31;CN=2051;PW=123456;MN=A1B2C3D4E5F6000000000001;Flag=5;CP=&&DataTime=20240301080000;' +
        'a21026-Avg=12.5,a21026-Min=10,a21026-Max=15,a21026-ZsAvg=20.1,a21026-Cou=0.3,a21026-Flag=N,a21026-EFlag=A01;' +
        'a01012-Avg=,a01012-Flag=D;a34013-Avg=abc,a34013-SampleTime=20240301075900;a21026-Rtd=1&&',
    );
    const n = appendUpload(
      b,
      device({ kind: 'outlet', station_id: null, outlet_id: 2 }),
      p,
      2051,
      HOUR,
      99,
    );
    expect(n).toBe(3);
    expect(b.code.slice(0, 3)).toEqual(['a21026', 'a01012', 'a34013']);
    expect([
      b.avg[0],
      b.min[0],
      b.max[0],
      b.zsAvg[0],
      b.cou[0],
      b.rtd[0],
      b.flag[0],
      b.eflag[0],
    ]).toEqual([12.5, 10, 15, 20.1, 0.3, 1, 'N', 'A01']);
    expect([b.avg[1], b.flag[1], JSON.parse(b.extra[1]!)]).toEqual([
      null,
      'D',
      { Avg: '', 'Avg.invalid': 'blank' },
    ]);
    expect(JSON.parse(b.extra[2]!)).toEqual({
      Avg: 'abc',
      'Avg.invalid': 'not_decimal',
      SampleTime: '20240301075900',
    });
    expect(b.minute[0]).toBe(HOUR / 60_000);
    expect(b.rn).toBe(0); // outlets do not feed readings
  });

  it('turns an air station hourly 2061 into readings at the hour start, converting units', () => {
    const b = new IngestBatch();
    const dev = device({
      aliases: JSON.stringify({ a34004: { pollutant: 'PM2.5', unit: 'mg/m3' } }),
    });
    const p = packet(
      'QN=1;ST=22;CN=2061;PW=123456;MN=A1B2C3D4E5F6000000000001;Flag=5;CP=&&DataTime=20240301080000;' +
        'a34004-Avg=0.035,a34004-Flag=N;a21005-Avg=0.8,a21005-Flag=N;a01001-Avg=12.3;a05024-Min=3&&',
    );
    appendUpload(b, dev, p, 2061, HOUR, 99);
    expect(b.avg[0]).toBe(35);
    expect(b.rn).toBe(2); // temperature is no pollutant; O3 has no Avg
    expect([
      b.rHour[0],
      b.rStation[0],
      b.rPollutant[0],
      b.rValue[0],
      b.rFlag[0],
      b.rSource[0],
    ]).toEqual([HOUR, 3, 'PM2.5', 35, 'N', 11]);
    expect([b.rPollutant[1], b.rValue[1]]).toEqual(['CO', 0.8]);
  });

  it('maps 2005 codes and does not feed readings from real-time data', () => {
    const b = new IngestBatch();
    const p = packet(
      'ST=22;CN=2011;PW=123456;MN=A1B2C3D4E5F6000000000001;CP=&&DataTime=20240301080000;02-Rtd=7,02-Flag=3&&',
    );
    appendUpload(b, device(), p, 2011, HOUR, 99);
    expect([b.code[0], b.rtd[0], b.flag[0]]).toEqual(['a21026', 7, '3']);
    expect(b.rn).toBe(0);
  });

  it('keeps non-decimal and implausible values as text with a reason, never as numbers or readings', () => {
    const b = new IngestBatch();
    const p = packet(
      'QN=1;ST=22;CN=2061;PW=123456;MN=A1B2C3D4E5F6000000000001;Flag=5;CP=&&DataTime=20240301080000;' +
        'a34004-Avg=-500,a34004-Max=1e308,a34004-Flag=N;a21026-Avg=-10,a21026-Flag=N;' +
        'a34002-Avg=0x10,a34002-Flag=N;a21004-Avg=40,a21004-Flag=N;a21005-Avg=5000,a21005-Flag=N;' +
        'a01001-Avg=-12.5&&',
    );
    appendUpload(b, device({ kind: 'station', station_id: 1, outlet_id: null }), p, 2061, HOUR, 99);
    const row = (code: string) => b.code.indexOf(code);
    const extra = (code: string) => JSON.parse(b.extra[row(code)] ?? 'null') as unknown;
    expect([b.avg[row('a34004')], b.max[row('a34004')]]).toEqual([null, null]);
    expect(extra('a34004')).toEqual({
      Avg: '-500',
      'Avg.invalid': 'below_min',
      Max: '1e308',
      'Max.invalid': 'not_decimal',
    });
    expect(extra('a21026')).toEqual({ Avg: '-10', 'Avg.invalid': 'below_min' });
    expect(extra('a34002')).toEqual({ Avg: '0x10', 'Avg.invalid': 'not_decimal' });
    expect(extra('a21005')).toEqual({ Avg: '5000', 'Avg.invalid': 'above_max' }); // CO mg/m³
    expect(b.avg[row('a21004')]).toBe(40);
    expect(b.avg[row('a01001')]).toBe(-12.5); // a temperature may be negative
    // Only NO2 becomes a reading.
    expect(b.rn).toBe(1);
  });
});
