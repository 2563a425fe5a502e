/**
 * The gate retention (standards.md §7.3): passages older than the passage setting and photos of
 * passages older than the photo setting are deleted — never those an open violation
 * (gate_violations.status = 'open') refers to. A photo file goes only when no remaining photo row
 * names its address (files are shared by content). Each run is logged in gate_retention_runs and
 * the audit log with what it removed.
 */
import { recordAudit } from '../../audit/audit-log.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../store/db.ts';
import { checkRetention, type GateRetention } from './gate-ops-config.ts';
import {
  countHeld,
  deletePassages,
  deletePhotoRows,
  expiredPassageIds,
  insertRun,
  passagesWithExpiredPhotos,
  unreferencedShas,
  type RetentionRun,
} from './retention-repo.ts';

const DAY_MS = 86_400_000;

/** What can delete a photo file: the gate photo store (DiskBlobStore.remove). */
export interface PhotoRemover {
  remove(sha256: string): Promise<number>;
}

/** Applies the retention once and logs the run. */
export async function applyGateRetention(
  db: Db,
  clock: Clock,
  photos: PhotoRemover,
  settings: GateRetention,
): Promise<RetentionRun> {
  checkRetention(settings);
  const now = clock.now();
  const passageCutoff = now - settings.passageDays * DAY_MS;
  const photoCutoff = now - settings.photoDays * DAY_MS;
  const shas: string[] = [];
  let photoRows = 0;
  let passages = 0;
  for (let ids = await expiredPassageIds(db.kysely, passageCutoff); ids.length > 0;) {
    const r = await deletePassages(db, ids);
    shas.push(...r.shas);
    photoRows += r.rows;
    passages += ids.length;
    ids = await expiredPassageIds(db.kysely, passageCutoff);
  }
  for (let ids = await passagesWithExpiredPhotos(db.kysely, photoCutoff); ids.length > 0;) {
    const r = await db.kysely.transaction().execute((trx) => deletePhotoRows(trx, ids));
    shas.push(...r.shas);
    photoRows += r.rows;
    ids = await passagesWithExpiredPhotos(db.kysely, photoCutoff);
  }
  let files = 0;
  let bytes = 0;
  for (const sha of await unreferencedShas(db.kysely, shas)) {
    const freed = await photos.remove(sha);
    if (freed > 0) files++;
    bytes += freed;
  }
  const run: RetentionRun = {
    ranAt: now,
    passageCutoff,
    photoCutoff,
    passagesRemoved: passages,
    photoRowsRemoved: photoRows,
    filesRemoved: files,
    bytesRemoved: bytes,
    passagesHeld: await countHeld(db.kysely, Math.max(passageCutoff, photoCutoff)),
    settings: { passageDays: settings.passageDays, photoDays: settings.photoDays },
  };
  await insertRun(db.kysely, run);
  await recordAudit(db, now, {
    actor: 'system',
    action: 'gates.retention-run',
    target: null,
    detail: run,
  });
  return run;
}
