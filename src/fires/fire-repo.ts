/** Kysely queries of fire observations, events, their log and photos: plain rows in and out. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type {
  FireEvent,
  FireEventLogTable,
  FireEventPhotoTable,
  FireEventTable,
  FireObservation,
  NewFireObservation,
} from './tables.ts';

type K = Kysely<DatabaseSchema>;

/** True when an observation with this key is stored. */
export async function observationExists(k: K, key: string): Promise<boolean> {
  const r = await k
    .selectFrom('fire_observations')
    .select('id')
    .where('obs_key', '=', key)
    .executeTakeFirst();
  return r !== undefined;
}

/** Inserts an observation; returns its id. */
export async function insertObservation(k: K, o: NewFireObservation): Promise<number> {
  const r = await k
    .insertInto('fire_observations')
    .values(o)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Observations of a county's events within [from, to]. */
export async function eventPointsNear(
  k: K,
  county: string,
  from: number,
  to: number,
): Promise<Array<{ event_id: number; observed_at: number; lon: number; lat: number }>> {
  const rows = await k
    .selectFrom('fire_observations')
    .select(['event_id', 'observed_at', 'lon', 'lat'])
    .where('county_adcode', '=', county)
    .where('placement', '=', 'inside')
    .where('observed_at', '>=', from)
    .where('observed_at', '<=', to)
    .where('event_id', 'is not', null)
    .execute();
  return rows.map((r) => ({ ...r, event_id: r.event_id as number }));
}

/** Inserts an event; returns its id. */
export async function insertEvent(k: K, e: Insertable<FireEventTable>): Promise<number> {
  const r = await k.insertInto('fire_events').values(e).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** One event by id. */
export async function findEvent(k: K, id: number): Promise<FireEvent | undefined> {
  return k.selectFrom('fire_events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates an event. */
export async function updateEvent(
  k: K,
  id: number,
  set: Updateable<FireEventTable>,
): Promise<void> {
  await k.updateTable('fire_events').set(set).where('id', '=', id).execute();
}

/** Appends to an event's log. */
export async function logEvent(k: K, e: Insertable<FireEventLogTable>): Promise<void> {
  await k.insertInto('fire_event_log').values(e).execute();
}

/** Records a photo of an answer. */
export async function insertPhoto(k: K, p: Insertable<FireEventPhotoTable>): Promise<void> {
  await k.insertInto('fire_event_photos').values(p).execute();
}

/** Events whose deadline has passed and that are still waiting for the county. */
export async function overdueEvents(k: K, now: number): Promise<FireEvent[]> {
  return k
    .selectFrom('fire_events')
    .selectAll()
    .where('status', '=', 'dispatched')
    .where('deadline_at', '<=', now)
    .orderBy('id')
    .execute();
}

/** Filters of the event list. */
export interface EventFilter {
  counties: 'all' | readonly string[];
  status?: string | undefined;
  county?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
  offset: number;
}

/** Events by filter, newest first, and their total. */
export async function listEvents(
  k: K,
  f: EventFilter,
): Promise<{ total: number; rows: FireEvent[] }> {
  let q = k.selectFrom('fire_events');
  if (f.counties !== 'all') {
    if (f.counties.length === 0) return { total: 0, rows: [] };
    q = q.where('county_adcode', 'in', f.counties);
  }
  if (f.status) q = q.where('status', '=', f.status);
  if (f.county) q = q.where('county_adcode', '=', f.county);
  if (f.from !== undefined) q = q.where('first_seen', '>=', f.from);
  if (f.to !== undefined) q = q.where('first_seen', '<', f.to);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('first_seen', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total.n), rows };
}

/** An event's observations, log and photos. */
export async function eventParts(
  k: K,
  id: number,
): Promise<{
  observations: FireObservation[];
  log: Array<Selectable<FireEventLogTable>>;
  photos: Array<Selectable<FireEventPhotoTable>>;
}> {
  const observations = await k
    .selectFrom('fire_observations')
    .selectAll()
    .where('event_id', '=', id)
    .orderBy('observed_at')
    .orderBy('id')
    .execute();
  const log = await k
    .selectFrom('fire_event_log')
    .selectAll()
    .where('event_id', '=', id)
    .orderBy('id')
    .execute();
  const photos = await k
    .selectFrom('fire_event_photos')
    .selectAll()
    .where('event_id', '=', id)
    .orderBy('id')
    .execute();
  return { observations, log, photos };
}

/** One observation by id. */
export async function findObservation(k: K, id: number): Promise<FireObservation | undefined> {
  return k.selectFrom('fire_observations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Events of some months, the columns the monthly counts use. */
export async function eventsOfMonths(
  k: K,
  from: string,
  to: string,
  counties: 'all' | readonly string[],
): Promise<
  Array<Pick<FireEvent, 'county_adcode' | 'month' | 'status' | 'outcome' | 'escalated_at'>>
> {
  if (counties !== 'all' && counties.length === 0) return [];
  let q = k
    .selectFrom('fire_events')
    .select(['county_adcode', 'month', 'status', 'outcome', 'escalated_at'])
    .where('month', '>=', from)
    .where('month', '<=', to);
  if (counties !== 'all') q = q.where('county_adcode', 'in', counties);
  return q.execute();
}
