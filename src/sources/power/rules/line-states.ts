/**
 * Hourly states of production lines: is production running, is its treatment running
 * (docs/standards/sub-metering-ldar.md §1.2). A line's production is its production meters; its
 * treatment is the meters of the control facilities that serve it (facility.line_id). The alarm of
 * production without treatment and the warnings' check that lines stopped during an episode both
 * read these states.
 */
import { HOUR_MS } from '../../../standards/local-date.ts';
import { hourlyMeterStates, type PowerSample, type RunningRules } from './meter-state.ts';

/** A meter as the rules see it. */
export interface StateMeter {
  id: number;
  /** 'production' | 'treatment'. */
  role: string;
  line_id: number | null;
  facility_id: number | null;
  running_kw: number;
}

/** A control facility and the line it serves. */
export interface StateFacility {
  id: number;
  line_id: number | null;
}

/** One hour of one line. */
export interface LineHourState {
  /** Epoch ms of the hour's start. */
  time: number;
  /** Production running (true), stopped (false) or unknown (null). */
  production: boolean | null;
  /** Treatment running (true), stopped (false) or unknown (null, also when it has no meter). */
  treatment: boolean | null;
}

/** Any-of: true when one is true, else null when one is unknown or there is none, else false. */
function anyRunning(states: ReadonlyArray<boolean | null>): boolean | null {
  if (states.some((s) => s === true)) return true;
  if (states.length === 0 || states.some((s) => s === null)) return null;
  return false;
}

/** All-of: false when one is false, else null when one is unknown or there is none, else true. */
function allRunning(states: ReadonlyArray<boolean | null>): boolean | null {
  if (states.some((s) => s === false)) return false;
  if (states.length === 0 || states.some((s) => s === null)) return null;
  return true;
}

function groupBy<T>(items: readonly T[], key: (t: T) => number | null): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === null) continue;
    out.set(k, [...(out.get(k) ?? []), it]);
  }
  return out;
}

/**
 * Per line (every line id in `lineIds`), the state of each hour in [fromHour, toHour):
 * production from the line's production meters (any running), treatment from its facilities
 * (each facility: any of its meters running; the line: every facility running).
 */
export function lineHourlyStates(
  lineIds: readonly number[],
  facilities: readonly StateFacility[],
  meters: readonly StateMeter[],
  samples: ReadonlyMap<number, readonly PowerSample[]>,
  fromHour: number,
  toHour: number,
  rules: RunningRules,
): Map<number, LineHourState[]> {
  const hours = Math.max(0, Math.ceil((toHour - fromHour) / HOUR_MS));
  const meterHours = new Map<number, Array<boolean | null>>();
  for (const m of meters)
    meterHours.set(
      m.id,
      hourlyMeterStates(samples.get(m.id) ?? [], m.running_kw, fromHour, toHour, rules),
    );
  const production = groupBy(
    meters.filter((m) => m.role === 'production'),
    (m) => m.line_id,
  );
  const facilityMeters = groupBy(
    meters.filter((m) => m.role === 'treatment'),
    (m) => m.facility_id,
  );
  const lineFacilities = groupBy(
    facilities.filter((f) => facilityMeters.has(f.id)),
    (f) => f.line_id,
  );
  const out = new Map<number, LineHourState[]>();
  for (const line of lineIds) {
    const prod = production.get(line) ?? [];
    const facs = lineFacilities.get(line) ?? [];
    const states: LineHourState[] = [];
    for (let i = 0; i < hours; i++) {
      const at = (m: StateMeter) => meterHours.get(m.id)![i]!;
      states.push({
        time: fromHour + i * HOUR_MS,
        production: anyRunning(prod.map(at)),
        treatment: allRunning(facs.map((f) => anyRunning(facilityMeters.get(f.id)!.map(at)))),
      });
    }
    out.set(line, states);
  }
  return out;
}
