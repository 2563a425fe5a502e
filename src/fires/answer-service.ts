/**
 * The county's answer to a dispatched fire: the outcome (rules/outcomes.ts), a note and at least
 * one photo (checked by content, src/blobs). The county (its own fires) or the city office
 * answers, before or after escalation; an answered fire cannot be answered again.
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { BlobMeta, BlobStore } from '../blobs/blob-store.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { attachmentName } from '../tasks/rules/attachment-name.ts';
import { insertPhoto, logEvent, updateEvent } from './fire-repo.ts';
import type { FiresConfig } from './fires-config.ts';
import { visibleEvent } from './event-scope.ts';
import type { FireOutcome } from './rules/outcomes.ts';

/** An uploaded photo. */
export interface AnswerPhoto {
  filename: string;
  data: Buffer;
}

/** Answers a fire event. */
export async function answerEvent(
  db: Db,
  cfg: FiresConfig,
  blobs: BlobStore,
  now: number,
  who: { principal: Principal; ctx: ActorContext },
  id: number,
  answer: { outcome: FireOutcome; text: string; photos: readonly AnswerPhoto[] },
): Promise<void> {
  if (who.principal.role !== 'county' && who.principal.role !== 'city-admin')
    throw new LantianError('LT_ERR_FORBIDDEN', '火点核查须由县区或市大气办账号反馈');
  const e = await visibleEvent(db, who.principal, id);
  if (e.status === 'answered')
    throw new LantianError('LT_ERR_FIRE_EVENT_STATE', `火点 #${id} 已反馈`);
  if (answer.photos.length === 0 || answer.photos.length > cfg.maxPhotos)
    throw new LantianError(
      'LT_ERR_FIRE_PHOTOS',
      `${answer.photos.length} 张，须为 1–${cfg.maxPhotos} 张`,
    );
  const stored: Array<BlobMeta & { filename: string }> = [];
  for (const p of answer.photos) {
    const filename = attachmentName(p.filename);
    const meta = await blobs.put(p.data, filename, {
      maxBytes: cfg.maxImageBytes,
      allowedTypes: cfg.imageTypes,
    });
    stored.push({ ...meta, filename });
  }
  await db.kysely.transaction().execute(async (trx) => {
    await updateEvent(trx, id, {
      status: 'answered',
      answered_at: now,
      answered_by: who.ctx.actor,
      outcome: answer.outcome,
      answer_text: answer.text,
    });
    for (const s of stored)
      await insertPhoto(trx, {
        event_id: id,
        sha256: s.sha256,
        filename: s.filename,
        media_type: s.mediaType,
        size: s.size,
        uploaded_by: who.ctx.actor,
        uploaded_at: now,
      });
    const late = now > e.deadline_at;
    await logEvent(trx, {
      event_id: id,
      at: now,
      action: 'answered',
      actor: who.ctx.actor,
      detail: JSON.stringify({ outcome: answer.outcome, photos: stored.length, late }),
    });
    await recordAudit(trx, now, {
      ...who.ctx,
      action: 'fire.answer',
      target: `fire-event:${id}`,
      detail: { outcome: answer.outcome, photos: stored.map((s) => s.sha256), late },
    });
  });
}
