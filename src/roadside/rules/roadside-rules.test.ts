/**
 * The pure rules of remote sensing and roadside checks: the HJ 845 over-standard rule on the
 * constructed sequences of docs/standards/remote-sensing.md §5 and its six-month boundary, the
 * black-smoke threshold, record checks (impossible times), and trace-back with tied stations.
 */
import { describe, expect, it } from 'vitest';
import { overStandardEvents, type VehicleRecord } from './failure-events.ts';
import { failingPollutants, ruleVersion, type Measured, type RoadsideRules } from './limits.ts';
import { overStandardFindings, withinMonths, type JudgedRecord } from './over-standard.ts';
import { checkRecord, parseRecordTime } from './record-input.ts';
import { namedStations, rankStations, traceFailure, type Inspection } from './trace-back.ts';

const RULES: RoadsideRules = {
  opacityLimit: 1.2,
  noLimitPpm: 1500,
  ringelmannFailAt: 2,
  coLimitPct: null,
  hcLimitPpm: null,
  windowMonths: 6,
  consecutive: true,
};
const NONE: Measured = { CO: null, HC: null, NO: null, opacity: null, ringelmann: null };
/** Noon Beijing time of a 2026 date. */
const at = (md: string) => Date.parse(`2026-${md}T12:00:00+08:00`);
let nextId = 1;
function rec(md: string, values: Partial<Measured>): JudgedRecord {
  const measured = { ...NONE, ...values };
  return { id: nextId++, at: at(md), measured, failing: failingPollutants(measured, RULES) };
}

describe('HJ 845 over-standard rule', () => {
  it('follows the constructed sequences T5', () => {
    const twice = overStandardFindings(
      [rec('03-03', { NO: 1800 }), rec('04-20', { NO: 1700 })],
      RULES,
    );
    expect(twice.map((f) => [f.pollutant, f.secondAt])).toEqual([['NO', at('04-20')]]);
    const broken = [
      rec('03-03', { NO: 1800 }),
      rec('04-01', { NO: 900 }),
      rec('04-20', { NO: 1700 }),
    ];
    expect(overStandardFindings(broken, RULES)).toEqual([]);
    // Without "in a row" the pass no longer breaks the run.
    expect(overStandardFindings(broken, { ...RULES, consecutive: false })).toHaveLength(1);
    const different = [rec('03-03', { opacity: 2.5 }), rec('04-20', { NO: 1700 })];
    expect(overStandardFindings(different, RULES)).toEqual([]);
  });

  it('counts exactly six months and not a day more', () => {
    expect(
      overStandardFindings([rec('03-03', { NO: 1600 }), rec('09-03', { NO: 1600 })], RULES),
    ).toHaveLength(1);
    expect(
      overStandardFindings([rec('03-03', { NO: 1600 }), rec('09-04', { NO: 1600 })], RULES),
    ).toEqual([]);
    // Month ends clamp: 31 Aug + 6 months = 28 Feb of a common year.
    expect(
      withinMonths(
        Date.parse('2026-08-31T10:00:00+08:00'),
        Date.parse('2027-02-28T23:00:00+08:00'),
        6,
      ),
    ).toBe(true);
    expect(
      withinMonths(
        Date.parse('2026-08-31T10:00:00+08:00'),
        Date.parse('2027-03-01T00:30:00+08:00'),
        6,
      ),
    ).toBe(false);
    // A late failure outside the window starts a new run that a later failure completes.
    const runs = [
      rec('01-05', { NO: 1600 }),
      rec('08-01', { NO: 1600 }),
      rec('09-01', { NO: 1600 }),
    ];
    expect(overStandardFindings(runs, RULES).map((f) => f.secondAt)).toEqual([at('09-01')]);
  });

  it('judges limits at their boundaries and black smoke at Ringelmann 2 by default', () => {
    expect(failingPollutants({ ...NONE, NO: 1500, opacity: 1.2, ringelmann: 1 }, RULES)).toEqual(
      [],
    );
    expect(failingPollutants({ ...NONE, NO: 1500.1, opacity: 1.21, ringelmann: 2 }, RULES)).toEqual(
      ['NO', 'opacity', 'ringelmann'],
    );
    expect(
      failingPollutants({ ...NONE, ringelmann: 2 }, { ...RULES, ringelmannFailAt: 3 }),
    ).toEqual([]);
    expect(ruleVersion(RULES)).toBe(
      'HJ845-2017;opacity>1.2;NO>1500;ringelmann>=2;CO>-;HC>-;6m-consecutive',
    );
  });

  it('makes events: HJ 845 for remote sensing, single failures for black smoke and roadside checks', () => {
    const v = { plate: '冀D12345', plateColour: '黄', vin: null };
    const records: VehicleRecord[] = [
      { ...rec('03-03', { NO: 1800 }), kind: 'remote-sensing', ...v },
      { ...rec('03-10', { ringelmann: 3 }), kind: 'black-smoke', ...v },
      { ...rec('04-20', { NO: 1800 }), kind: 'remote-sensing', ...v },
      { ...rec('05-01', { opacity: 0.5 }), kind: 'roadside-check', ...v },
    ];
    expect(overStandardEvents(records, RULES).map((e) => [e.kind, e.pollutant, e.at])).toEqual([
      ['black-smoke', 'ringelmann', at('03-10')],
      ['remote-sensing', 'NO', at('04-20')],
    ]);
  });
});

describe('record checks', () => {
  const NOW = Date.parse('2026-12-03T12:00:00+08:00');
  const base = {
    time: '2026-12-01 08:30:00',
    plate: '冀D·12345',
    plateColour: '黄色',
    values: { NO: 900 },
  };
  it('reads Beijing and ISO times and refuses impossible ones with LT_ERR_ROADSIDE_BAD_TIME', () => {
    expect(parseRecordTime('2026-12-01 08:30:00')).toBe(Date.parse('2026-12-01T08:30:00+08:00'));
    expect(parseRecordTime('2026-12-01T00:30:00Z')).toBe(Date.parse('2026-12-01T00:30:00Z'));
    for (const time of [
      '2026-02-30 10:00:00',
      '2026-12-01 24:00',
      '1999-12-31 23:59:59',
      '2026-12-04 12:00:00',
      'yesterday',
    ])
      expect(checkRecord({ ...base, time }, NOW, 600_000)).toMatchObject({
        ok: false,
        code: 'LT_ERR_ROADSIDE_BAD_TIME',
      });
    const ok = checkRecord(base, NOW, 600_000);
    expect(ok).toMatchObject({ ok: true, record: { plate: '冀D12345', plateColour: '黄' } });
  });
  it('refuses values out of range, a fractional Ringelmann grade and records without values', () => {
    expect(checkRecord({ ...base, values: { NO: -1 } }, NOW, 0)).toMatchObject({
      problem: { field: 'NO' },
    });
    expect(checkRecord({ ...base, values: { ringelmann: 2.5 } }, NOW, 0)).toMatchObject({
      problem: { field: 'ringelmann' },
    });
    expect(checkRecord({ ...base, values: {} }, NOW, 0)).toMatchObject({
      code: 'LT_ERR_ROADSIDE_BAD_RECORD',
    });
    expect(checkRecord({ ...base, vin: 'NOTAVIN' }, NOW, 0)).toMatchObject({
      problem: { field: 'vin' },
    });
  });
});

describe('trace-back and ranking', () => {
  const insp = (
    plate: string,
    station: string,
    md: string,
    passed = true,
    vin: string | null = null,
  ): Inspection => ({
    plate,
    plateColour: '黄',
    vin,
    stationCode: station,
    stationName: `检测站${station}`,
    serial: `${station}-${plate}-${md}`,
    at: at(md),
    passed,
  });
  it('takes the last pass strictly before the failure, by VIN when both have one', () => {
    const list = [
      insp('冀D1', 'A', '01-10'),
      insp('冀D1', 'B', '02-10'),
      insp('冀D1', 'C', '02-20', false),
      insp('冀D1', 'D', '03-10'),
    ];
    const t = traceFailure({ plate: '冀D1', plateColour: '黄', vin: null, at: at('03-10') }, list);
    expect(t.inspection?.stationCode).toBe('B');
    expect(t.days).toBe(28);
    const byVin = traceFailure(
      { plate: '冀D9', plateColour: '黄', vin: 'LSVAM41Z6F2000001', at: at('03-10') },
      [insp('冀D1', 'E', '01-01', true, 'LSVAM41Z6F2000001')],
    );
    expect(byVin.inspection?.stationCode).toBe('E');
    expect(
      traceFailure({ plate: '冀D2', plateColour: '黄', vin: null, at: at('03-10') }, list)
        .inspection,
    ).toBeNull();
  });
  it('ranks with ties sharing a rank, ordered by code, and names every station ranked 1–3', () => {
    const t = (station: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        traceFailure(
          { plate: `冀D${station}${i}`, plateColour: '黄', vin: null, at: at('06-01') },
          [insp(`冀D${station}${i}`, station, '01-01')],
        ),
      );
    const ranking = rankStations([
      ...t('S4', 1),
      ...t('S3', 2),
      ...t('S2', 3),
      ...t('S1', 3),
      ...t('S5', 2),
    ]);
    expect(ranking.map((r) => [r.rank, r.stationCode, r.vehicles])).toEqual([
      [1, 'S1', 3],
      [1, 'S2', 3],
      [3, 'S3', 2],
      [3, 'S5', 2],
      [5, 'S4', 1],
    ]);
    expect(namedStations(ranking).map((r) => r.stationCode)).toEqual(['S1', 'S2', 'S3', 'S5']);
  });
});
