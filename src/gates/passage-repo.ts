/**
 * Rows of gate_passages with their photos and violations, stored together in one transaction, and
 * the counts the rule check reads (entries per enterprise and window).
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { GatePassageTable, GatePhotoTable, GateViolationTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
/** A passage row. */
export type PassageRow = Selectable<GatePassageTable>;

/** The passage a gate already sent under its record id, with its violation kinds. */
export async function passageByRecord(
  k: K,
  gateId: number,
  recordId: string,
): Promise<{ passage: PassageRow; kinds: string[] } | undefined> {
  const passage = await k
    .selectFrom('gate_passages')
    .selectAll()
    .where('gate_id', '=', gateId)
    .where('gate_record_id', '=', recordId)
    .executeTakeFirst();
  if (!passage) return undefined;
  const v = await k
    .selectFrom('gate_violations')
    .select('kind')
    .where('passage_id', '=', passage.id)
    .orderBy('id')
    .execute();
  return { passage, kinds: v.map((x) => x.kind) };
}

/** Entries ('in') of an enterprise in [from, to). */
export async function entriesBetween(
  k: K,
  enterpriseId: number,
  from: number,
  to: number,
): Promise<number> {
  const r = await k
    .selectFrom('gate_passages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('enterprise_id', '=', enterpriseId)
    .where('direction', '=', 'in')
    .where('passed_at', '>=', from)
    .where('passed_at', '<', to)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The emergency-list figure of truck entries a day (emergency_transport), or undefined. */
export async function listedTrucksPerDay(k: K, enterpriseId: number): Promise<number | undefined> {
  const r = await k
    .selectFrom('emergency_transport')
    .select('trucks_per_day')
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
  return r ? Number(r.trucks_per_day) : undefined;
}

/** A banned-truck finding for the warnings domain's violation list. */
export interface BannedTruck {
  episodeId: number;
  evidence: object;
}

/** What one new passage stores. */
export interface NewPassage {
  passage: Insertable<GatePassageTable>;
  photos: Array<Omit<Insertable<GatePhotoTable>, 'passage_id'>>;
  violations: Array<Omit<Insertable<GateViolationTable>, 'passage_id'>>;
  bannedTruck: BannedTruck | null;
}

/**
 * Stores a passage, its photos and violations (and the warnings domain's 'banned-truck' row) in
 * one transaction; returns the id, or undefined when the gate's record id is already stored.
 */
export async function insertPassage(k: K, n: NewPassage): Promise<number | undefined> {
  return k.transaction().execute(async (trx) => {
    const ins = await trx
      .insertInto('gate_passages')
      .values(n.passage)
      .onConflict((oc) => oc.columns(['gate_id', 'gate_record_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!ins) return undefined;
    const id = Number(ins.id);
    const seen = new Set<string>();
    const photos = n.photos.filter((p) => {
      const key = `${p.kind}/${p.sha256}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    if (photos.length)
      await trx
        .insertInto('gate_photos')
        .values(photos.map((p) => ({ ...p, passage_id: id })))
        .execute();
    if (n.violations.length)
      await trx
        .insertInto('gate_violations')
        .values(n.violations.map((v) => ({ ...v, passage_id: id })))
        .execute();
    if (n.bannedTruck) await insertBannedTruck(trx, id, n);
    return id;
  });
}

async function insertBannedTruck(trx: K, passageId: number, n: NewPassage): Promise<void> {
  const at = Number(n.passage.passed_at);
  const now = Number(n.passage.received_at);
  await trx
    .insertInto('warning_violations')
    .values({
      episode_id: n.bannedTruck!.episodeId,
      enterprise_id: Number(n.passage.enterprise_id),
      kind: 'banned-truck',
      subject_key: `gate-passage:${passageId}`,
      window_from: at,
      window_to: at,
      evidence: JSON.stringify({ ...n.bannedTruck!.evidence, passageId }),
      status: 'open',
      assigned_to: null,
      assigned_by: null,
      assigned_at: null,
      findings: null,
      closed_by: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['episode_id', 'subject_key']).doNothing())
    .execute();
}

/** Photos of some passages. */
export async function photosOf(k: K, passageIds: readonly number[]) {
  if (passageIds.length === 0) return [];
  return k
    .selectFrom('gate_photos')
    .selectAll()
    .where('passage_id', 'in', [...passageIds])
    .execute();
}

/** Records a photo a gate uploaded ahead of its passage (kept once per gate and address). */
export async function recordUpload(
  k: K,
  u: { gate_id: number; sha256: string; size: number; media_type: string; uploaded_at: number },
): Promise<void> {
  await k
    .insertInto('gate_photo_uploads')
    .values(u)
    .onConflict((oc) => oc.columns(['gate_id', 'sha256']).doNothing())
    .execute();
}

/** The uploads of a gate with the given addresses. */
export async function uploadsOf(k: K, gateId: number, shas: readonly string[]) {
  if (shas.length === 0) return [];
  return k
    .selectFrom('gate_photo_uploads')
    .selectAll()
    .where('gate_id', '=', gateId)
    .where('sha256', 'in', [...shas])
    .execute();
}
