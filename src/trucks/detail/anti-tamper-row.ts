/**
 * An anti-tamper (removal) alarm, command 0x06 of HJ 1239, as a detail row beside the data-stream
 * records, so the windowed rule `terminal_removal` sees it in time order: its own time (the receipt
 * time when the alarm's time is not a date), serial as `seq`, position, and command 0x06.
 */
import { timeToEpochMs, type AntiTamperMessage } from '../../protocols/gb17691/index.ts';
import type { RecordRow } from '../record-rows.ts';

/** The row of an anti-tamper alarm received at `receivedAt`. */
export function antiTamperRow(m: AntiTamperMessage, receivedAt: number): RecordRow {
  const t = m.time === null ? Number.NaN : timeToEpochMs(m.time);
  return {
    record_time: Number.isFinite(t) ? t : receivedAt,
    type: 0,
    seq: m.serial,
    command: 0x06,
    speed: null,
    lon: m.lon,
    lat: m.lat,
    nox_upstream: null,
    nox_downstream: null,
    scr_inlet_temp: null,
    scr_outlet_temp: null,
    reagent: null,
    rpm: null,
    torque: null,
    fuel_flow: null,
    air_flow: null,
    mileage: null,
    fix_valid: m.fixValid ? 1 : 0,
    extra: null,
    flags: null,
    rule_version: null,
  };
}
