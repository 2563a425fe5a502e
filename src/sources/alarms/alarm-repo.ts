/** Alarms, their events and evidence in the store (Kysely; row types from src/sources/tables.ts). */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { EnterpriseVisibility } from '../enterprise-scope.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { AlarmEventTable, AlarmEvidenceTable, AlarmTable } from '../tables.ts';

type K = Kysely<DatabaseSchema>;

/** A stored alarm. */
export type AlarmRow = Selectable<AlarmTable>;
/** A stored alarm event. */
export type AlarmEventRow = Selectable<AlarmEventTable>;
/** A stored evidence file. */
export type AlarmEvidenceRow = Selectable<AlarmEvidenceTable>;

/** An alarm with the enterprise it belongs to (for scope and display). */
export type AlarmWithOwner = AlarmRow & {
  credit_code: string | null;
  enterprise_name: string | null;
  outlet_code: string | null;
};

/** Alarms not closed, by subject key. */
export async function openAlarmsByKey(k: K): Promise<Map<string, AlarmRow>> {
  const rows = await k.selectFrom('alarms').selectAll().where('open_key', 'is not', null).execute();
  return new Map(rows.map((r) => [r.subject_key, r]));
}

/** The last hour counted by the latest closed alarm of each key given. */
export async function closedLastSeen(k: K, keys: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await k
      .selectFrom('alarms')
      .select(['subject_key', (eb) => eb.fn.max('last_seen').as('last')])
      .where('status', '=', 'closed')
      .where('subject_key', 'in', keys.slice(i, i + 500))
      .groupBy('subject_key')
      .execute();
    for (const r of rows) out.set(r.subject_key, Number(r.last));
  }
  return out;
}

/** Inserts an alarm; its id. */
export async function insertAlarm(k: K, row: Insertable<AlarmTable>): Promise<number> {
  const r = await k.insertInto('alarms').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Updates an alarm. */
export async function updateAlarm(k: K, id: number, patch: Updateable<AlarmTable>): Promise<void> {
  await k.updateTable('alarms').set(patch).where('id', '=', id).execute();
}

/** Appends an event; its id. */
export async function insertEvent(k: K, row: Insertable<AlarmEventTable>): Promise<number> {
  const r = await k
    .insertInto('alarm_events')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Records an evidence file of an event. */
export async function insertEvidence(k: K, row: Insertable<AlarmEvidenceTable>): Promise<number> {
  const r = await k
    .insertInto('alarm_evidence')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Alarms not closed whose escalation is due at `now`. */
export async function dueEscalations(k: K, now: number): Promise<AlarmRow[]> {
  return k
    .selectFrom('alarms')
    .selectAll()
    .where('status', '!=', 'closed')
    .where('escalate_at', '<=', now)
    .orderBy('id')
    .execute();
}

/** Filters of the inbox. */
export interface AlarmFilter {
  status?: string | undefined;
  kind?: string | undefined;
  region?: string | undefined;
  /** Credit code of the enterprise. */
  enterpriseCode?: string | undefined;
  limit: number;
  offset: number;
}

function owned(k: K) {
  return k
    .selectFrom('alarms as a')
    .leftJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('outlets as o', 'o.id', 'a.outlet_id');
}

type Owned = ReturnType<typeof owned>;

/** Narrows a query to what a visibility admits and to the filter's fields. */
function filtered(q: Owned, v: EnterpriseVisibility, f: Omit<AlarmFilter, 'limit' | 'offset'>) {
  let s = q;
  if (v.kind === 'regions') s = s.where('a.region_adcode', 'in', v.regions);
  if (v.kind === 'enterprise') s = s.where('e.credit_code', '=', v.creditCode);
  if (f.status) s = s.where('a.status', '=', f.status);
  if (f.kind) s = s.where('a.kind', '=', f.kind);
  if (f.region) s = s.where('a.region_adcode', '=', f.region);
  if (f.enterpriseCode) s = s.where('e.credit_code', '=', f.enterpriseCode);
  return s;
}

/** One page of the inbox, newest first, and the total. */
export async function listAlarms(
  k: K,
  v: EnterpriseVisibility,
  f: AlarmFilter,
): Promise<{ rows: AlarmWithOwner[]; total: number }> {
  if (v.kind === 'none') return { rows: [], total: 0 };
  const rows = await filtered(owned(k), v, f)
    .selectAll('a')
    .select(['e.credit_code', 'e.name as enterprise_name', 'o.code as outlet_code'])
    .orderBy('a.last_seen', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await filtered(owned(k), v, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** Alarms by county and status under the same filter (for the overview). */
export async function countsByRegion(
  k: K,
  v: EnterpriseVisibility,
  f: Omit<AlarmFilter, 'limit' | 'offset'>,
): Promise<Array<{ region: string | null; status: string; n: number }>> {
  if (v.kind === 'none') return [];
  const rows = await filtered(owned(k), v, f)
    .select(['a.region_adcode as region', 'a.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['a.region_adcode', 'a.status'])
    .orderBy('a.region_adcode')
    .execute();
  return rows.map((r) => ({ region: r.region, status: r.status, n: Number(r.n) }));
}

/** One alarm with its owner, or undefined. */
export async function findAlarm(k: K, id: number): Promise<AlarmWithOwner | undefined> {
  return owned(k)
    .selectAll('a')
    .select(['e.credit_code', 'e.name as enterprise_name', 'o.code as outlet_code'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** The events of an alarm in order, and its evidence files. */
export async function historyOf(
  k: K,
  id: number,
): Promise<{ events: AlarmEventRow[]; evidence: AlarmEvidenceRow[] }> {
  const events = await k
    .selectFrom('alarm_events')
    .selectAll()
    .where('alarm_id', '=', id)
    .orderBy('id')
    .execute();
  const evidence = await k
    .selectFrom('alarm_evidence')
    .selectAll()
    .where('alarm_id', '=', id)
    .orderBy('id')
    .execute();
  return { events, evidence };
}
