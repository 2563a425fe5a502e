/**
 * The over-standard events of vehicles (pure): what the plan's three kinds of supervision count
 * as finding an over-standard vehicle (the Handan 2020 plan 三.8). A remote-sensing station's
 * records count through the HJ 845 rule (two failures of the same pollutant in a row within six
 * months, docs/standards/remote-sensing.md §2); a black-smoke capture or a roadside check counts
 * when it fails on its own (docs/standards/remote-sensing.md §3).
 */
import type { Pollutant, RoadsideRules } from './limits.ts';
import { overStandardFindings, type JudgedRecord } from './over-standard.ts';

/** The device kinds. */
export const DEVICE_KINDS = ['remote-sensing', 'black-smoke', 'roadside-check'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Chinese names of the device kinds. */
export const DEVICE_KIND_NAMES: Readonly<Record<DeviceKind, string>> = {
  'remote-sensing': '遥感监测',
  'black-smoke': '黑烟抓拍',
  'roadside-check': '路检路查',
};

/** A judged record with its vehicle and the kind of device that made it. */
export interface VehicleRecord extends JudgedRecord {
  kind: DeviceKind;
  plate: string;
  plateColour: string;
  vin: string | null;
}

/** An over-standard event of a vehicle. */
export interface OverStandardEvent {
  plate: string;
  plateColour: string;
  vin: string | null;
  /** When the vehicle became over-standard (the deciding record's time). */
  at: number;
  kind: DeviceKind;
  pollutant: Pollutant;
  /** The records the event rests on (two for HJ 845, one otherwise). */
  recordIds: number[];
}

const vehicleOf = (r: VehicleRecord) => `${r.plate}\u0000${r.plateColour}`;

/** Every event of the records (any vehicles, any order), by time. */
export function overStandardEvents(
  records: readonly VehicleRecord[],
  rules: RoadsideRules,
): OverStandardEvent[] {
  const byVehicle = new Map<string, VehicleRecord[]>();
  for (const r of records) {
    const list = byVehicle.get(vehicleOf(r)) ?? [];
    list.push(r);
    byVehicle.set(vehicleOf(r), list);
  }
  const out: OverStandardEvent[] = [];
  for (const list of byVehicle.values()) {
    const first = list[0]!;
    const vin = list.find((r) => r.vin !== null)?.vin ?? null;
    const id = { plate: first.plate, plateColour: first.plateColour, vin };
    const sensed = list.filter((r) => r.kind === 'remote-sensing');
    for (const f of overStandardFindings(sensed, rules))
      out.push({
        ...id,
        at: f.secondAt,
        kind: 'remote-sensing',
        pollutant: f.pollutant,
        recordIds: [f.firstId, f.secondId],
      });
    for (const r of list)
      if (r.kind !== 'remote-sensing' && r.failing.length > 0)
        out.push({ ...id, at: r.at, kind: r.kind, pollutant: r.failing[0]!, recordIds: [r.id] });
  }
  return out.sort((a, b) => a.at - b.at || (a.plate < b.plate ? -1 : a.plate > b.plate ? 1 : 0));
}
