/**
 * Taking a fire point in (satellite row or camera alarm): place it (rules/placement.ts); keep it
 * as "outside" when it lies in no county; merge it into an event of its county within the
 * windows (rules/merge-window.ts) or open a new event dispatched to the county with its deadline.
 * A point whose key is stored already is a repeat and changes nothing. Runs inside the caller's
 * transaction.
 */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import {
  eventPointsNear,
  findEvent,
  insertEvent,
  insertObservation,
  logEvent,
  observationExists,
  updateEvent,
} from './fire-repo.ts';
import type { FiresConfig } from './fires-config.ts';
import { localMonth } from './rules/local-month.ts';
import { eventToJoin, MERGE_RULE_EDITION } from './rules/merge-window.ts';
import { placePoint, type Area } from './rules/placement.ts';
import type { NewFireObservation } from './tables.ts';

/** What became of one point. */
export type IntakeResult =
  | { kind: 'repeated' }
  | { kind: 'outside'; observationId: number }
  | { kind: 'new'; observationId: number; eventId: number; county: string }
  | { kind: 'merged'; observationId: number; eventId: number; county: string };

/** A point before placement. */
export type IncomingPoint = Omit<
  NewFireObservation,
  'placement' | 'county_adcode' | 'township_code' | 'township_name' | 'event_id'
>;

/** The rule settings recorded with events and imports. */
export function rulesRecord(cfg: FiresConfig): string {
  return JSON.stringify({
    edition: MERGE_RULE_EDITION,
    mergeKm: cfg.merge.km,
    mergeHours: cfg.merge.hours,
    confirmMinutes: cfg.confirmMinutes,
  });
}

/** Takes one point in. */
export async function takeIn(
  k: Kysely<DatabaseSchema>,
  cfg: FiresConfig,
  areas: { counties: readonly Area[]; townships: readonly Area[] },
  now: number,
  actor: string,
  p: IncomingPoint,
): Promise<IntakeResult> {
  if (await observationExists(k, p.obs_key)) return { kind: 'repeated' };
  const place = placePoint(areas.counties, areas.townships, p.lon, p.lat);
  if (place.placement === 'outside') {
    const observationId = await insertObservation(k, {
      ...p,
      placement: 'outside',
      county_adcode: null,
      township_code: null,
      township_name: null,
      event_id: null,
    });
    return { kind: 'outside', observationId };
  }
  const county = place.county.code;
  const windowMs = cfg.merge.hours * 3_600_000;
  const near = await eventPointsNear(k, county, p.observed_at - windowMs, p.observed_at + windowMs);
  const join = eventToJoin(
    { county, at: p.observed_at, lon: p.lon, lat: p.lat },
    near.map((n) => ({ eventId: n.event_id, county, at: n.observed_at, lon: n.lon, lat: n.lat })),
    cfg.merge,
  );
  const placed = {
    ...p,
    placement: 'inside',
    county_adcode: county,
    township_code: place.township?.code ?? null,
    township_name: place.township?.name ?? null,
  };
  if (join !== null) {
    const e = (await findEvent(k, join))!;
    const observationId = await insertObservation(k, { ...placed, event_id: join });
    const first = Math.min(e.first_seen, p.observed_at);
    const sources = new Set(e.sources.split(','));
    sources.add(p.source);
    await updateEvent(k, join, {
      observations: e.observations + 1,
      first_seen: first,
      last_seen: Math.max(e.last_seen, p.observed_at),
      month: localMonth(first),
      sources: [...sources].sort().join(','),
    });
    await logEvent(k, {
      event_id: join,
      at: now,
      action: 'merged',
      actor,
      detail: JSON.stringify({ observationId, source: p.source, observedAt: p.observed_at }),
    });
    return { kind: 'merged', observationId, eventId: join, county };
  }
  const eventId = await insertEvent(k, {
    county_adcode: county,
    township_code: placed.township_code,
    township_name: placed.township_name,
    lon: p.lon,
    lat: p.lat,
    first_seen: p.observed_at,
    last_seen: p.observed_at,
    month: localMonth(p.observed_at),
    observations: 1,
    sources: p.source,
    status: 'dispatched',
    dispatched_at: now,
    deadline_at: now + cfg.confirmMinutes * 60_000,
    escalated_at: null,
    answered_at: null,
    answered_by: null,
    outcome: null,
    answer_text: null,
    rules: rulesRecord(cfg),
  });
  const observationId = await insertObservation(k, { ...placed, event_id: eventId });
  await logEvent(k, {
    event_id: eventId,
    at: now,
    action: 'dispatched',
    actor,
    detail: JSON.stringify({
      county,
      observationId,
      deadlineAt: now + cfg.confirmMinutes * 60_000,
    }),
  });
  return { kind: 'new', observationId, eventId, county };
}
