import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../standards/local-date.ts';
import { lineHourlyStates, type StateMeter } from './line-states.ts';
import { DEFAULT_RUNNING_RULES, hourlyMeterStates, type PowerSample } from './meter-state.ts';
import { untreatedPeriods } from './without-treatment.ts';

const T0 = Date.UTC(2026, 0, 5, 0);
/** Readings every 15 minutes of hour `h` at `kw`. */
const hour = (h: number, kw: number): PowerSample[] =>
  [0, 15, 30, 45].map((m) => ({ time: T0 + h * HOUR_MS + m * 60_000, kw }));

describe('meter states', () => {
  it('an hour runs when the share of running readings reaches the rule; a gap is unknown', () => {
    const samples = [
      ...hour(0, 500),
      ...hour(1, 10),
      // hour 2: two of four readings at or above 100 kW (exactly the threshold counts)
      { time: T0 + 2 * HOUR_MS, kw: 100 },
      { time: T0 + 2 * HOUR_MS + 1, kw: 150 },
      { time: T0 + 2 * HOUR_MS + 2, kw: 99.9 },
      { time: T0 + 2 * HOUR_MS + 3, kw: 0 },
      // hour 3: none
    ];
    const to = T0 + 4 * HOUR_MS;
    expect(hourlyMeterStates(samples, 100, T0, to, DEFAULT_RUNNING_RULES)).toEqual([
      true,
      false,
      true,
      null,
    ]);
    expect(hourlyMeterStates(samples, 100, T0, to, { runningShare: 0.75, minReadings: 1 })).toEqual(
      [true, false, false, null],
    );
    // with four readings demanded, a one-reading hour is unknown
    expect(
      hourlyMeterStates([{ time: T0, kw: 900 }], 100, T0, T0 + HOUR_MS, {
        runningShare: 0.5,
        minReadings: 4,
      }),
    ).toEqual([null]);
  });
});

describe('line states and production without treatment', () => {
  // line 1: one production meter; two facilities (desulphurisation 11, dust 12), facility 12 has
  // two fan meters. Line 2: production meter only.
  const meters: StateMeter[] = [
    { id: 1, role: 'production', line_id: 1, facility_id: null, running_kw: 100 },
    { id: 2, role: 'treatment', line_id: null, facility_id: 11, running_kw: 20 },
    { id: 3, role: 'treatment', line_id: null, facility_id: 12, running_kw: 20 },
    { id: 4, role: 'treatment', line_id: null, facility_id: 12, running_kw: 20 },
    { id: 5, role: 'production', line_id: 2, facility_id: null, running_kw: 50 },
  ];
  const facilities = [
    { id: 11, line_id: 1 },
    { id: 12, line_id: 1 },
  ];
  const samples = new Map<number, PowerSample[]>([
    [1, [...hour(0, 800), ...hour(1, 800), ...hour(2, 800), ...hour(3, 800), ...hour(4, 0)]],
    // desulphurisation runs in hours 0, 1, 4; stops in hours 2 and 3
    [2, [...hour(0, 60), ...hour(1, 60), ...hour(2, 1), ...hour(3, 1), ...hour(4, 60)]],
    // dust: fan 3 stops from hour 1 but fan 4 runs through hour 2; both silent in hour 3
    [3, [...hour(0, 40), ...hour(1, 0), ...hour(2, 0)]],
    [4, [...hour(0, 40), ...hour(1, 40), ...hour(2, 40)]],
  ]);
  const states = lineHourlyStates(
    [1, 2],
    facilities,
    meters,
    samples,
    T0,
    T0 + 5 * HOUR_MS,
    DEFAULT_RUNNING_RULES,
  );

  it('production is any production meter, treatment every facility (each any of its meters)', () => {
    expect(states.get(1)!.map((s) => [s.production, s.treatment])).toEqual([
      [true, true],
      [true, true],
      [true, false],
      // desulphurisation stopped outweighs the dust facility's unknown
      [true, false],
      [false, null],
    ]);
    expect(states.get(1)![2]!.time).toBe(T0 + 2 * HOUR_MS);
    // a line without treatment meters: treatment unknown, production unknown without readings
    expect(states.get(2)!.map((s) => [s.production, s.treatment])).toEqual(
      Array.from({ length: 5 }, () => [null, null]),
    );
  });

  it('periods of production without treatment merge consecutive hours', () => {
    expect(untreatedPeriods(states.get(1)!)).toEqual([
      { from: T0 + 2 * HOUR_MS, to: T0 + 4 * HOUR_MS, hours: 2 },
    ]);
    const broken = [
      { time: T0, production: true, treatment: false },
      { time: T0 + HOUR_MS, production: true, treatment: null },
      { time: T0 + 2 * HOUR_MS, production: true, treatment: false },
    ];
    expect(untreatedPeriods(broken).map((p) => p.hours)).toEqual([1, 1]);
  });
});
