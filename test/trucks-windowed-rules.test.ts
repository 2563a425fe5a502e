/**
 * Windowed judgement rules on constructed 1-Hz series: each rule raises its window on its case and
 * nothing on a near miss (one second short, one condition missing), with the default settings.
 */
import { describe, expect, it } from 'vitest';
import type { RecordRow } from '../src/trucks/record-rows.ts';
import { isListedDtc, readDtc } from '../src/trucks/rules/obd-dtc.ts';
import { windowedJudgements, type WindowRuleCode } from '../src/trucks/rules/windowed-rules.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { obdRow, record, series } from './support/truck-days.ts';

const cfg = DEFAULT_TRUCKS_CONFIG.days.windows;
const T = Date.UTC(2024, 4, 1, 1, 0, 0);
const rules = (rows: RecordRow[]) => windowedJudgements(rows, cfg).map((w) => w.rule);
const only = (rows: RecordRow[], rule: WindowRuleCode) =>
  windowedJudgements(rows, cfg).filter((w) => w.rule === rule);

describe('windowed rules', () => {
  it('raise nothing on ten minutes of ordinary driving', () => {
    expect(rules(series(T, 600))).toEqual([]);
  });

  it('nox_high_load: downstream NOx over the threshold under load for the duration', () => {
    const high = series(T, 300, () => ({ nox_downstream: 600 }));
    const [w, ...rest] = only(high, 'nox_high_load');
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ start: T, end: T + 299_000 });
    expect(w!.evidence).toMatchObject({ records: 300, seconds: 300, noxDownstreamMean: 600 });
    expect(w!.detail).toContain('600 ppm');
    expect(only(high.slice(1), 'nox_high_load')).toEqual([]);
    expect(
      only(
        series(T, 300, () => ({ nox_downstream: 600, torque: 20 })),
        'nox_high_load',
      ),
    ).toEqual([]);
    expect(
      only(
        series(T, 300, () => ({ nox_downstream: 500 })),
        'nox_high_load',
      ),
    ).toEqual([]);
    // A 31-s silence in the middle splits the window in two short ones.
    const split = [
      ...high.slice(0, 150),
      ...series(T + 181_000, 150, () => ({ nox_downstream: 600 })),
    ];
    expect(only(split, 'nox_high_load')).toEqual([]);
  });

  it('reagent_empty: level 0 while driving for the duration', () => {
    const empty = series(T, 60, () => ({ reagent: 0 }));
    expect(only(empty, 'reagent_empty')).toHaveLength(1);
    expect(only(empty.slice(1), 'reagent_empty')).toEqual([]);
    expect(
      only(
        series(T, 60, () => ({ reagent: 0, speed: 0 })),
        'reagent_empty',
      ),
    ).toEqual([]);
  });

  it('reagent_flat: level unchanged over two hours of running that used 20 L of fuel', () => {
    const flat = series(T, 7200, () => ({ reagent: 60, fuel_flow: 30 }));
    const [w] = only(flat, 'reagent_flat');
    expect(w!.evidence).toMatchObject({ reagent: 60, fuelL: 59.99, seconds: 7200 });
    // 10 L/h for 7199 s is 19.997 L: short of 20 L.
    expect(
      only(
        series(T, 7200, () => ({ reagent: 60, fuel_flow: 10 })),
        'reagent_flat',
      ),
    ).toEqual([]);
    // Falling by one step near the end leaves 7199 s flat.
    const falling = series(T, 7200, (i) => ({ reagent: i === 7199 ? 59.6 : 60 }));
    expect(only(falling, 'reagent_flat')).toEqual([]);
  });

  it('scr_temp_range: SCR temperature out of the plausible range with the engine running', () => {
    const hot = series(T, 300, () => ({ scr_inlet_temp: 800 }));
    expect(only(hot, 'scr_temp_range')).toHaveLength(1);
    expect(only(hot.slice(1), 'scr_temp_range')).toEqual([]);
    expect(
      only(
        series(T, 300, () => ({ scr_outlet_temp: -50 })),
        'scr_temp_range',
      ),
    ).toHaveLength(1);
    expect(
      only(
        series(T, 300, () => ({ scr_inlet_temp: 800, rpm: 0 })),
        'scr_temp_range',
      ),
    ).toEqual([]);
  });

  it('scr_temp_stuck: SCR inlet temperature fixed while driving for the duration', () => {
    const stuck = series(T, 1800, () => ({ scr_inlet_temp: 250 }));
    const [w] = only(stuck, 'scr_temp_stuck');
    expect(w).toMatchObject({ start: T, end: T + 1799_000 });
    expect(only(stuck.slice(1), 'scr_temp_stuck')).toEqual([]);
    expect(
      only(
        series(T, 1800, () => ({ scr_inlet_temp: 250, speed: 0 })),
        'scr_temp_stuck',
      ),
    ).toEqual([]);
  });

  it('reads DTCs under J1939 and ISO 15765', () => {
    expect(readDtc('9A0C0201', 2)).toMatchObject({ spn: 3226, text: 'SPN 3226 FMI 2' });
    expect(readDtc('20EE0000', 0)).toMatchObject({ iso: 'P20EE' });
    expect(readDtc('C1230000', 0).iso).toBe('U0123');
    expect(isListedDtc(readDtc('9A0C0201', 2), cfg.noxDtcs)).toBe(true);
    expect(isListedDtc(readDtc('22050000', 1), cfg.noxDtcs)).toBe(true);
    expect(isListedDtc(readDtc('64000101', 2), cfg.noxDtcs)).toBe(false);
  });

  it('mil_nox_dtc: MIL on with a NOx-related DTC, one window per episode', () => {
    const rows = [
      obdRow(T, 1, ['9A0C0201']),
      obdRow(T + 20_000, 1, ['9A0C0201', '64000101']),
      obdRow(T + 40_000, 0, []),
      obdRow(T + 60_000, 1, ['20EE0000'], 0),
    ];
    const ws = only(rows, 'mil_nox_dtc');
    expect(ws.map((w) => [w.start, w.end])).toEqual([
      [T, T + 20_000],
      [T + 60_000, T + 60_000],
    ]);
    expect(ws[0]!.evidence).toMatchObject({ reports: 2, dtcs: ['SPN 3226 FMI 2'] });
    expect(ws[1]!.detail).toContain('P20EE');
    expect(only([obdRow(T, 0, ['9A0C0201'])], 'mil_nox_dtc')).toEqual([]);
    expect(only([obdRow(T, 1, ['64000101'])], 'mil_nox_dtc')).toEqual([]);
  });

  it('terminal_removal: anti-tamper alarms (0x06), repeats within 180 s one episode', () => {
    const alarm = (t: number) => record(t, { command: 0x06, type: 0 });
    const ws = only(
      [alarm(T), alarm(T + 60_000), alarm(T + 120_000), alarm(T + 400_000)],
      'terminal_removal',
    );
    expect(ws.map((w) => w.evidence['alarms'])).toEqual([3, 1]);
    expect(only(series(T, 60), 'terminal_removal')).toEqual([]);
  });

  it('position_jump: a silence of a minute or more over which the vehicle moved a kilometre', () => {
    const a = record(T, { lon: 114.5, lat: 36.6 });
    const far = record(T + 120_000, { lon: 114.53, lat: 36.6 });
    const [w] = only([a, far], 'position_jump');
    expect(w).toMatchObject({ start: T, end: T + 120_000 });
    expect(w!.evidence['km']).toBeCloseTo(2.68, 1);
    expect(only([a, record(T + 59_000, { lon: 114.53, lat: 36.6 })], 'position_jump')).toEqual([]);
    expect(only([a, record(T + 120_000, { lon: 114.505, lat: 36.6 })], 'position_jump')).toEqual(
      [],
    );
    expect(only([a, { ...far, fix_valid: 0 }], 'position_jump')).toEqual([]);
  });
});
