/**
 * Judging and storing one checked record (shared by device posts and imports): the failing
 * quantities by the configured limits, with the rule version they were judged by.
 */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import { insertRecord } from './roadside-repo.ts';
import { failingPollutants, ruleVersion, type RoadsideRules } from './rules/limits.ts';
import type { ValidRecord } from './rules/record-input.ts';

/** Stores a record of a device; returns its id and the failing quantities. */
export async function storeRecord(
  k: Kysely<DatabaseSchema>,
  deviceId: number,
  origin: 'http' | 'import',
  r: ValidRecord,
  photos: readonly string[],
  rules: RoadsideRules,
  now: number,
): Promise<{ id: number; failing: string[] }> {
  const failing = failingPollutants(r.measured, rules);
  const id = await insertRecord(k, {
    device_id: deviceId,
    origin,
    external_id: r.recordId,
    measured_at: r.at,
    place: r.place,
    plate: r.plate,
    plate_colour: r.plateColour,
    vin: r.vin,
    co: r.measured.CO,
    hc: r.measured.HC,
    no: r.measured.NO,
    opacity: r.measured.opacity,
    ringelmann: r.measured.ringelmann,
    device_verdict: r.deviceVerdict,
    failing: JSON.stringify(failing),
    failed: failing.length > 0 ? 1 : 0,
    rule_version: ruleVersion(rules),
    photos: JSON.stringify(photos),
    created_at: now,
  });
  return { id, failing };
}
