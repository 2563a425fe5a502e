import { describe, expect, it } from 'vitest';
import type { RecordRow } from '../record-rows.ts';
import {
  mergeFrameIntoMinutes,
  minuteKey,
  noxGramsOfSecond,
  secondSeen,
  type MinuteSummary,
} from './minute-summary.ts';

const MIN = Date.parse('2024-05-01T08:30:00+08:00');

const row = (second: number, over: Partial<RecordRow> = {}): RecordRow => ({
  record_time: MIN + second * 1000,
  type: 2,
  seq: 0,
  command: 2,
  speed: 36,
  lon: 114.5,
  lat: 36.6,
  nox_upstream: 400,
  nox_downstream: 100,
  scr_inlet_temp: 250,
  scr_outlet_temp: 240,
  reagent: 60,
  rpm: 1200,
  torque: 40,
  fuel_flow: 36,
  air_flow: 720,
  mileage: 1000 + second / 100,
  fix_valid: 1,
  extra: null,
  flags: null,
  rule_version: 'trucks-record-1',
  ...over,
});

describe('minute summaries', () => {
  it('counts each second once: a reissued group whose second is set is skipped whole', () => {
    const m = new Map<string, MinuteSummary>();
    const live = mergeFrameIntoMinutes(m, 1, [row(0), row(1), row(35)], 2, 5, 0);
    expect(live).toEqual({ added: 3, duplicates: 0 });
    // A GB frame: ten blocks under second 1 (already set) and three under second 2 (new).
    const gb = [
      ...Array.from({ length: 10 }, (_, k) => row(1, { seq: k })),
      ...Array.from({ length: 3 }, (_, k) => row(2, { seq: k })),
    ];
    expect(mergeFrameIntoMinutes(m, 1, gb, 3, 5, 0)).toEqual({ added: 3, duplicates: 10 });
    const s = m.get(minuteKey(1, MIN))!;
    expect([s.seen_lo, s.seen_hi, s.records, s.reissued]).toEqual([0b111, 1 << 5, 6, 3]);
    expect([secondSeen(s, 2), secondSeen(s, 3), secondSeen(s, 35)]).toEqual([true, false, true]);
  });

  it('splits records over minutes and vehicles; only data-stream blocks 0x02 count', () => {
    const m = new Map<string, MinuteSummary>();
    mergeFrameIntoMinutes(
      m,
      1,
      [row(59), row(60), row(61, { type: 1 }), row(62, { type: 5 })],
      2,
      5,
      0,
    );
    mergeFrameIntoMinutes(m, 2, [row(59)], 2, 5, 0);
    expect([...m.keys()].sort()).toEqual(
      [minuteKey(1, MIN), minuteKey(1, MIN + 60_000), minuteKey(2, MIN)].sort(),
    );
    expect(m.get(minuteKey(1, MIN + 60_000))!.records).toBe(1);
  });

  it('sums, means, extremes, fuel, NOx estimate, flags and the last valid position', () => {
    const m = new Map<string, MinuteSummary>();
    mergeFrameIntoMinutes(
      m,
      1,
      [
        row(10, { speed: 0, rpm: 0, lon: 114.6, flags: JSON.stringify([{ code: 'nox_high' }]) }),
        row(20, { speed: null, nox_downstream: null, reagent: 0, fix_valid: 0, lon: 1 }),
        row(30, { speed: 72, mileage: 1005, lon: 114.7, lat: 36.7 }),
      ],
      2,
      5,
      0,
    );
    // A late reissue of second 5 with a valid fix does not replace the later position.
    mergeFrameIntoMinutes(m, 1, [row(5, { lon: 99, lat: 9 })], 3, 5, 0);
    const s = m.get(minuteKey(1, MIN))!;
    expect(s).toMatchObject({
      records: 4,
      engine_seconds: 3,
      moving_seconds: 2,
      speed_sum: 108,
      speed_max: 72,
      nox_down_n: 3,
      nox_down_sum: 300,
      reagent_min: 0,
      reagent_max: 60,
      mileage_min: 1000.05,
      mileage_max: 1005,
      fixes: 3,
      last_lon: 114.7,
      last_lat: 36.7,
      flag_counts: '{"nox_high":1}',
      rule_version: 'trucks-record-1',
    });
    expect(s.fuel_l).toBeCloseTo((4 * 36) / 3600, 10);
    // 100 ppm at 720 kg/h air + 36 L/h fuel: 0.001586 × 100 × (0.2 + 0.00835) g per second.
    expect(noxGramsOfSecond(100, 720, 36)).toBeCloseTo(
      (0.001586 * 100 * (720 + 36 * 0.835)) / 3600,
      12,
    );
    expect(s.nox_g).toBeCloseTo(3 * noxGramsOfSecond(100, 720, 36), 12);
    expect(noxGramsOfSecond(null, 720, 36)).toBe(0);
    expect(noxGramsOfSecond(100, null, 36)).toBe(0);
  });
});
