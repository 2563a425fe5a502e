/**
 * Store side of the gate retention (Kysely): which passages and photo rows have expired, with
 * those an open violation refers to left out, their deletion in bounded batches, and the log.
 */
import type { Kysely } from 'kysely';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';

/** Rows handled per statement (keeps the parameter lists short on both dialects). */
const BATCH = 400;

type K = Kysely<DatabaseSchema>;

/** Passage ids an open violation refers to, as a sub-query. */
const heldIds = (k: K) =>
  k.selectFrom('gate_violations').select('passage_id').where('status', '=', 'open');

/** Up to BATCH expired passages (older than `cutoff`) that no open violation holds. */
export async function expiredPassageIds(k: K, cutoff: number): Promise<number[]> {
  const rows = await k
    .selectFrom('gate_passages')
    .select('id')
    .where('passed_at', '<', cutoff)
    .where('id', 'not in', heldIds(k))
    .orderBy('id')
    .limit(BATCH)
    .execute();
  return rows.map((r) => r.id);
}

/** Up to BATCH passages older than `cutoff`, with photos, that no open violation holds. */
export async function passagesWithExpiredPhotos(k: K, cutoff: number): Promise<number[]> {
  const rows = await k
    .selectFrom('gate_photos as f')
    .innerJoin('gate_passages as p', 'p.id', 'f.passage_id')
    .select('p.id')
    .distinct()
    .where('p.passed_at', '<', cutoff)
    .where('p.id', 'not in', heldIds(k))
    .orderBy('p.id')
    .limit(BATCH)
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes the photo rows of some passages; returns the photo addresses they named and their count. */
export async function deletePhotoRows(
  k: K,
  passageIds: readonly number[],
): Promise<{ shas: string[]; rows: number }> {
  if (passageIds.length === 0) return { shas: [], rows: 0 };
  const photos = await k
    .selectFrom('gate_photos')
    .select('sha256')
    .where('passage_id', 'in', passageIds)
    .execute();
  await k.deleteFrom('gate_photos').where('passage_id', 'in', passageIds).execute();
  return { shas: photos.map((p) => p.sha256), rows: photos.length };
}

/** Deletes passages (their closed violations and photo rows first); returns the photo rows' addresses. */
export async function deletePassages(
  db: Db,
  ids: readonly number[],
): Promise<{ shas: string[]; rows: number }> {
  return db.kysely.transaction().execute(async (trx) => {
    const photos = await deletePhotoRows(trx, ids);
    await trx.deleteFrom('gate_violations').where('passage_id', 'in', ids).execute();
    await trx.deleteFrom('gate_passages').where('id', 'in', ids).execute();
    return photos;
  });
}

/** The addresses among `shas` that no photo row names any more. */
export async function unreferencedShas(k: K, shas: readonly string[]): Promise<string[]> {
  const unique = [...new Set(shas)];
  const still = new Set<string>();
  for (let i = 0; i < unique.length; i += BATCH) {
    const rows = await k
      .selectFrom('gate_photos')
      .select('sha256')
      .where('sha256', 'in', unique.slice(i, i + BATCH))
      .execute();
    for (const r of rows) still.add(r.sha256);
  }
  return unique.filter((s) => !still.has(s));
}

/** Expired passages (older than `cutoff`) that open violations keep. */
export async function countHeld(k: K, cutoff: number): Promise<number> {
  const r = await k
    .selectFrom('gate_passages')
    .select((e) => e.fn.countAll<number | string>().as('n'))
    .where('passed_at', '<', cutoff)
    .where('id', 'in', heldIds(k))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One logged retention run. */
export interface RetentionRun {
  ranAt: number;
  passageCutoff: number;
  photoCutoff: number;
  passagesRemoved: number;
  photoRowsRemoved: number;
  filesRemoved: number;
  bytesRemoved: number;
  passagesHeld: number;
  settings: { passageDays: number; photoDays: number };
}

/** Logs a run. */
export async function insertRun(k: K, r: RetentionRun): Promise<void> {
  await k
    .insertInto('gate_retention_runs')
    .values({
      ran_at: r.ranAt,
      passage_cutoff: r.passageCutoff,
      photo_cutoff: r.photoCutoff,
      passages_removed: r.passagesRemoved,
      photo_rows_removed: r.photoRowsRemoved,
      files_removed: r.filesRemoved,
      bytes_removed: r.bytesRemoved,
      passages_held: r.passagesHeld,
      settings: JSON.stringify(r.settings),
    })
    .execute();
}

/** The latest runs, newest first. */
export async function latestRuns(k: K, limit: number): Promise<RetentionRun[]> {
  const rows = await k
    .selectFrom('gate_retention_runs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ranAt: Number(r.ran_at),
    passageCutoff: Number(r.passage_cutoff),
    photoCutoff: Number(r.photo_cutoff),
    passagesRemoved: r.passages_removed,
    photoRowsRemoved: r.photo_rows_removed,
    filesRemoved: r.files_removed,
    bytesRemoved: Number(r.bytes_removed),
    passagesHeld: r.passages_held,
    settings: JSON.parse(r.settings) as RetentionRun['settings'],
  }));
}
