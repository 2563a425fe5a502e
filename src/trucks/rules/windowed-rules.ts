/**
 * Windowed judgement rules over a vehicle's 1-Hz records (pure). Each returns the windows in which
 * it holds, with a Chinese detail and the evidence (the readings that made it).
 *
 * No national numeric rule exists for judging remote OBD data: standards-mobile-limits.md §2 found
 * no ppm threshold, no duration and no engine-state window (the Shandong and Yangtze-delta texts
 * were not read). The rules code the tampering signs §2 lists; every threshold and duration is
 * UNVERIFIED and therefore configuration (days-config.ts, docs/trucks.md):
 *
 *   nox_high_load     SCR downstream NOx above a threshold, under load (torque) with the SCR warm,
 *                     for a duration — "suspected exceedance" (疑似超标), a local choice (§2).
 *   reagent_empty     reagent level 0 while driving, for a duration — §2 "reagent level … 0 while
 *                     driving".
 *   reagent_flat      reagent level unchanged over a long stretch of engine running in which the
 *                     engine used a given amount of fuel — §2 "reagent level frozen" / "urea flat
 *                     while fuel use rises".
 *   scr_temp_range    SCR inlet or outlet temperature outside a plausible range while the engine
 *                     runs, for a duration — §2 "invalid sensor fields" (and §1.5: plausibility
 *                     checks belong to the judgement rules).
 *   scr_temp_stuck    SCR inlet temperature unchanged while driving, for a duration (a sensor
 *                     replaced by a fixed value) — same source.
 *   mil_nox_dtc       MIL on with NOx-related DTCs in the OBD block — §2 "MIL on … or DTCs present".
 *   terminal_removal  removal / anti-tamper alarm (command 0x06) — §2 "anti-tamper 0x06 / power-off
 *                     alarms"; the loader gives each alarm as a row with command 0x06.
 *   position_jump     a silence while the vehicle moves: consecutive valid fixes at least a given
 *                     time apart and a given distance apart — data withheld while driving.
 */
import type { RecordRow } from '../record-rows.ts';
import { isListedDtc, readDtc } from './obd-dtc.ts';

/** Version stored with each judgement; change it when a rule's logic changes. */
export const WINDOW_RULE_VERSION = 'trucks-window-1';

/** Thresholds of the windowed rules (all UNVERIFIED; defaults in days-config.ts). */
export interface WindowRuleConfig {
  /** Downstream NOx (ppm) above which a record counts towards nox_high_load. */
  readonly noxMaxPpm: number;
  /** SCR inlet temperature (°C) from which the SCR is taken to be working. */
  readonly scrWarmC: number;
  /** Engine torque (% of reference) from which the engine is under load. */
  readonly loadTorquePct: number;
  /** Seconds nox_high_load must last. */
  readonly noxWindowS: number;
  /** A silence longer than this (s) between records ends a window. */
  readonly maxGapS: number;
  /** Speed (km/h) from which the vehicle counts as driving. */
  readonly movingKmh: number;
  readonly reagentEmptyS: number;
  readonly reagentFlatS: number;
  /** Fuel (L) the engine must use in a reagent_flat window. */
  readonly reagentFlatFuelL: number;
  readonly scrTempMinC: number;
  readonly scrTempMaxC: number;
  readonly scrTempS: number;
  readonly scrStuckS: number;
  /** NOx-related DTCs ('SPN3226', ISO prefixes such as 'P20EE'; obd-dtc.ts). */
  readonly noxDtcs: readonly string[];
  readonly jumpGapS: number;
  readonly jumpKm: number;
}

/** Stable codes of the windowed rules. */
export type WindowRuleCode =
  | 'nox_high_load'
  | 'reagent_empty'
  | 'reagent_flat'
  | 'scr_temp_range'
  | 'scr_temp_stuck'
  | 'mil_nox_dtc'
  | 'terminal_removal'
  | 'position_jump';

/** One window in which a rule holds. */
export interface RuleWindow {
  rule: WindowRuleCode;
  /** First and last collection time of the window (UTC epoch ms). */
  start: number;
  end: number;
  /** Chinese, with the values that made it. */
  detail: string;
  evidence: Record<string, unknown>;
}

/** Anti-tamper alarms repeat every 60 s while main power is off (§1.4); 3 missed end an episode. */
const ALARM_EPISODE_GAP_S = 180;

const STREAM = new Set([0x02, 0x05]);
const byTime = (a: RecordRow, b: RecordRow) => a.record_time - b.record_time || a.seq - b.seq;
const seconds = (rows: readonly RecordRow[]) =>
  (rows.at(-1)!.record_time - rows[0]!.record_time) / 1000 + 1;
const mean = (xs: Array<number | null>) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : Math.round((v.reduce((s, x) => s + x, 0) / v.length) * 10) / 10;
};
const max = (xs: Array<number | null>) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : Math.max(...v);
};
const time = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 19);

/**
 * Runs of consecutive rows for which `holds` is true, a row where it is false or a silence longer
 * than `maxGapS` ending a run; only runs lasting at least `minS` seconds.
 */
export function runsWhere(
  rows: readonly RecordRow[],
  holds: (r: RecordRow, run: readonly RecordRow[]) => boolean,
  minS: number,
  maxGapS: number,
): RecordRow[][] {
  const out: RecordRow[][] = [];
  let run: RecordRow[] = [];
  const close = () => {
    if (run.length > 0 && seconds(run) >= minS) out.push(run);
    run = [];
  };
  for (const r of rows) {
    const last = run.at(-1);
    if (last && r.record_time - last.record_time > maxGapS * 1000) close();
    if (holds(r, run)) run.push(r);
    else close();
  }
  close();
  return out;
}

function noxHighLoad(stream: readonly RecordRow[], c: WindowRuleConfig): RuleWindow[] {
  const holds = (r: RecordRow) =>
    r.scr_inlet_temp !== null &&
    r.scr_inlet_temp >= c.scrWarmC &&
    r.torque !== null &&
    r.torque >= c.loadTorquePct &&
    r.nox_downstream !== null &&
    r.nox_downstream > c.noxMaxPpm;
  return runsWhere(stream, holds, c.noxWindowS, c.maxGapS).map((run) => {
    const down = mean(run.map((r) => r.nox_downstream));
    return {
      rule: 'nox_high_load',
      start: run[0]!.record_time,
      end: run.at(-1)!.record_time,
      detail: `${time(run[0]!.record_time)} 起 ${seconds(run)} 秒内负荷工况下 SCR 下游 NOx 均值 ${down} ppm，高于 ${c.noxMaxPpm} ppm（疑似超标）`,
      evidence: {
        records: run.length,
        seconds: seconds(run),
        noxDownstreamMean: down,
        noxDownstreamMax: max(run.map((r) => r.nox_downstream)),
        noxUpstreamMean: mean(run.map((r) => r.nox_upstream)),
        torqueMean: mean(run.map((r) => r.torque)),
        scrInletMean: mean(run.map((r) => r.scr_inlet_temp)),
        thresholds: {
          noxMaxPpm: c.noxMaxPpm,
          loadTorquePct: c.loadTorquePct,
          scrWarmC: c.scrWarmC,
          minS: c.noxWindowS,
        },
      },
    };
  });
}

function reagentEmpty(stream: readonly RecordRow[], c: WindowRuleConfig): RuleWindow[] {
  const holds = (r: RecordRow) => r.reagent === 0 && r.speed !== null && r.speed >= c.movingKmh;
  return runsWhere(stream, holds, c.reagentEmptyS, c.maxGapS).map((run) => ({
    rule: 'reagent_empty',
    start: run[0]!.record_time,
    end: run.at(-1)!.record_time,
    detail: `${time(run[0]!.record_time)} 起行驶 ${seconds(run)} 秒反应剂余量持续为 0`,
    evidence: {
      records: run.length,
      seconds: seconds(run),
      speedMean: mean(run.map((r) => r.speed)),
      thresholds: { movingKmh: c.movingKmh, minS: c.reagentEmptyS },
    },
  }));
}

/** Litres used over consecutive rows (fuel flow L/h × seconds to the next row, gaps capped). */
function fuelUsed(run: readonly RecordRow[], maxGapS: number): number {
  let l = 0;
  for (let i = 0; i + 1 < run.length; i++) {
    const dt = Math.min(maxGapS, (run[i + 1]!.record_time - run[i]!.record_time) / 1000);
    l += ((run[i]!.fuel_flow ?? 0) * dt) / 3600;
  }
  return l;
}

function reagentFlat(stream: readonly RecordRow[], c: WindowRuleConfig): RuleWindow[] {
  // Only records with the engine running and a non-zero level (0 is reagent_empty); silences do
  // not end the window — a tank level does not change while nothing is sent.
  const running = stream.filter(
    (r) => r.rpm !== null && r.rpm > 0 && r.reagent !== null && r.reagent > 0,
  );
  const holds = (r: RecordRow, run: readonly RecordRow[]) =>
    run.length === 0 || r.reagent === run[0]!.reagent;
  const out: RuleWindow[] = [];
  let run: RecordRow[] = [];
  const close = () => {
    if (run.length > 0 && seconds(run) >= c.reagentFlatS) {
      const used = fuelUsed(run, c.maxGapS);
      const fuel = Math.round(used * 100) / 100;
      if (used >= c.reagentFlatFuelL)
        out.push({
          rule: 'reagent_flat',
          start: run[0]!.record_time,
          end: run.at(-1)!.record_time,
          detail: `${time(run[0]!.record_time)} 起发动机运转 ${seconds(run)} 秒、耗油 ${fuel} L，反应剂余量始终为 ${run[0]!.reagent}%（疑似液位数据冻结）`,
          evidence: {
            records: run.length,
            seconds: seconds(run),
            reagent: run[0]!.reagent,
            fuelL: fuel,
            thresholds: { minS: c.reagentFlatS, minFuelL: c.reagentFlatFuelL },
          },
        });
    }
    run = [];
  };
  for (const r of running) {
    if (!holds(r, run)) close();
    run.push(r);
  }
  close();
  return out;
}

function scrTempRange(stream: readonly RecordRow[], c: WindowRuleConfig): RuleWindow[] {
  const out = (t: number | null) => t !== null && (t < c.scrTempMinC || t > c.scrTempMaxC);
  const holds = (r: RecordRow) =>
    r.rpm !== null && r.rpm > 0 && (out(r.scr_inlet_temp) || out(r.scr_outlet_temp));
  return runsWhere(stream, holds, c.scrTempS, c.maxGapS).map((run) => ({
    rule: 'scr_temp_range',
    start: run[0]!.record_time,
    end: run.at(-1)!.record_time,
    detail: `${time(run[0]!.record_time)} 起 ${seconds(run)} 秒 SCR 温度超出 ${c.scrTempMinC}～${c.scrTempMaxC} °C（入口均值 ${mean(run.map((r) => r.scr_inlet_temp))} °C，出口均值 ${mean(run.map((r) => r.scr_outlet_temp))} °C），数据不可信`,
    evidence: {
      records: run.length,
      seconds: seconds(run),
      scrInletMean: mean(run.map((r) => r.scr_inlet_temp)),
      scrOutletMean: mean(run.map((r) => r.scr_outlet_temp)),
      thresholds: { minC: c.scrTempMinC, maxC: c.scrTempMaxC, minS: c.scrTempS },
    },
  }));
}

function scrTempStuck(stream: readonly RecordRow[], c: WindowRuleConfig): RuleWindow[] {
  const holds = (r: RecordRow, run: readonly RecordRow[]) =>
    r.speed !== null &&
    r.speed >= c.movingKmh &&
    r.scr_inlet_temp !== null &&
    (run.length === 0 || r.scr_inlet_temp === run[0]!.scr_inlet_temp);
  const out: RuleWindow[] = [];
  let run: RecordRow[] = [];
  const close = () => {
    if (run.length > 0 && seconds(run) >= c.scrStuckS)
      out.push({
        rule: 'scr_temp_stuck',
        start: run[0]!.record_time,
        end: run.at(-1)!.record_time,
        detail: `${time(run[0]!.record_time)} 起行驶 ${seconds(run)} 秒 SCR 入口温度始终为 ${run[0]!.scr_inlet_temp} °C（疑似固定值）`,
        evidence: {
          records: run.length,
          seconds: seconds(run),
          scrInletTemp: run[0]!.scr_inlet_temp,
          thresholds: { minS: c.scrStuckS, movingKmh: c.movingKmh },
        },
      });
    run = [];
  };
  for (const r of stream) {
    const last = run.at(-1);
    if (last && r.record_time - last.record_time > c.maxGapS * 1000) close();
    if (!holds(r, run)) {
      close();
      if (holds(r, run)) run.push(r);
    } else run.push(r);
  }
  close();
  return out;
}

interface ObdExtra {
  protocol?: number | null;
  mil?: number | null;
  dtcs?: string[];
}

function milNoxDtc(obd: readonly RecordRow[], c: WindowRuleConfig): RuleWindow[] {
  const listed = (r: RecordRow) => {
    const e = (r.extra ? JSON.parse(r.extra) : {}) as ObdExtra;
    if (e.mil !== 1) return [];
    return (e.dtcs ?? [])
      .map((d) => readDtc(d, e.protocol ?? null))
      .filter((d) => isListedDtc(d, c.noxDtcs));
  };
  // OBD blocks come every 20 s to 24 h (§1.4): only an OBD report without the condition ends it.
  return runsWhere(obd, (r) => listed(r).length > 0, 0, Number.MAX_SAFE_INTEGER / 1000).map(
    (run) => {
      const codes = [...new Set(run.flatMap((r) => listed(r).map((d) => d.text)))];
      return {
        rule: 'mil_nox_dtc',
        start: run[0]!.record_time,
        end: run.at(-1)!.record_time,
        detail: `${time(run[0]!.record_time)} 起故障指示灯（MIL）点亮，存在 NOx 相关故障码：${codes.join('、')}`,
        evidence: { reports: run.length, dtcs: codes, list: c.noxDtcs },
      };
    },
  );
}

function terminalRemoval(alarms: readonly RecordRow[]): RuleWindow[] {
  return runsWhere(alarms, () => true, 0, ALARM_EPISODE_GAP_S).map((run) => ({
    rule: 'terminal_removal',
    start: run[0]!.record_time,
    end: run.at(-1)!.record_time,
    detail: `${time(run[0]!.record_time)} 起车载终端发出拆除报警 ${run.length} 次`,
    evidence: {
      alarms: run.length,
      lon: run[0]!.lon,
      lat: run[0]!.lat,
      fixValid: run[0]!.fix_valid === 1,
    },
  }));
}

/** Great-circle distance in km (WGS-84 mean radius). */
export function distanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function positionJump(stream: readonly RecordRow[], c: WindowRuleConfig): RuleWindow[] {
  const fixes = stream.filter((r) => r.fix_valid === 1 && r.lon !== null && r.lat !== null);
  const out: RuleWindow[] = [];
  for (let i = 0; i + 1 < fixes.length; i++) {
    const a = fixes[i]!;
    const b = fixes[i + 1]!;
    const gapS = (b.record_time - a.record_time) / 1000;
    if (gapS < c.jumpGapS) continue;
    const km = Math.round(distanceKm(a.lon!, a.lat!, b.lon!, b.lat!) * 100) / 100;
    if (km < c.jumpKm) continue;
    out.push({
      rule: 'position_jump',
      start: a.record_time,
      end: b.record_time,
      detail: `${time(a.record_time)} 起 ${gapS} 秒无数据，其间车辆位移 ${km} km（行驶中断传）`,
      evidence: {
        gapS,
        km,
        kmh: Math.round((km / gapS) * 3600 * 10) / 10,
        from: { lon: a.lon, lat: a.lat, mileage: a.mileage },
        to: { lon: b.lon, lat: b.lat, mileage: b.mileage },
        thresholds: { minGapS: c.jumpGapS, minKm: c.jumpKm },
      },
    });
  }
  return out;
}

/** Every rule's windows over a vehicle's records (any order, any block types). */
export function windowedJudgements(rows: readonly RecordRow[], c: WindowRuleConfig): RuleWindow[] {
  const sorted = [...rows].sort(byTime);
  const stream = sorted.filter((r) => STREAM.has(r.type) && r.command !== 0x06);
  const obd = sorted.filter((r) => r.type === 0x01 && r.command !== 0x06);
  const alarms = sorted.filter((r) => r.command === 0x06);
  return [
    ...noxHighLoad(stream, c),
    ...reagentEmpty(stream, c),
    ...reagentFlat(stream, c),
    ...scrTempRange(stream, c),
    ...scrTempStuck(stream, c),
    ...milNoxDtc(obd, c),
    ...terminalRemoval(alarms),
    ...positionJump(stream, c),
  ];
}
