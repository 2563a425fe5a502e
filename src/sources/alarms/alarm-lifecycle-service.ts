/**
 * The lifecycle of an alarm: open → acknowledged → closed with a reason. The enterprise (its
 * own alarms), the county and the city office acknowledge and explain (a note with evidence
 * files, stored through the BlobStore after the size and content-type checks of src/blobs); only
 * the county and the city office close. Every change is an event of the alarm and an audit record.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/audit-log.ts';
import type { BlobMeta, BlobStore } from '../../blobs/blob-store.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import { attachmentName } from '../../tasks/rules/attachment-name.ts';
import type { AlarmsConfig } from './alarm-config.ts';
import { insertEvent, insertEvidence, updateAlarm, type AlarmWithOwner } from './alarm-repo.ts';
import { visibleAlarm, type AlarmActor } from './alarm-scope.ts';
import type { CloseReason } from './rules/close-reasons.ts';

/** Roles that may close an alarm. */
const CLOSERS = new Set(['city-admin', 'county']);
/** Roles that may acknowledge or explain one (within their scope). */
const HANDLERS = new Set(['city-admin', 'county', 'enterprise']);

async function handled(
  db: Db,
  who: AlarmActor,
  id: number,
  roles: Set<string>,
  what: string,
): Promise<AlarmWithOwner> {
  if (!roles.has(who.principal.role))
    throw new LantianError(
      'LT_ERR_FORBIDDEN',
      `${what}告警须由${roles.has('enterprise') ? '企业、' : ''}县区或市大气办账号操作`,
    );
  const a = await visibleAlarm(db, who.principal, id);
  if (a.status === 'closed') throw new LantianError('LT_ERR_ALARM_STATE', `告警 #${id} 已关闭`);
  return a;
}

async function logEvent(
  k: Kysely<DatabaseSchema>,
  who: AlarmActor,
  alarmId: number,
  now: number,
  action: string,
  text: string | null,
  detail: object | null,
): Promise<number> {
  const eventId = await insertEvent(k, {
    alarm_id: alarmId,
    at: now,
    action,
    actor: who.ctx.actor,
    role: who.principal.role,
    text,
    detail: detail === null ? null : JSON.stringify(detail),
  });
  await recordAudit(k, now, {
    ...who.ctx,
    action: `alarm.${action === 'acknowledged' ? 'acknowledge' : action === 'explained' ? 'explain' : 'close'}`,
    target: `alarm:${alarmId}`,
    detail: { eventId, ...(detail ?? {}) },
  });
  return eventId;
}

/** Acknowledges an open alarm (alarm.acknowledge). */
export async function acknowledgeAlarm(
  db: Db,
  clock: Clock,
  who: AlarmActor,
  id: number,
  text: string | undefined,
): Promise<void> {
  const a = await handled(db, who, id, HANDLERS, '确认');
  if (a.status !== 'open') throw new LantianError('LT_ERR_ALARM_STATE', `告警 #${id} 已确认`);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await updateAlarm(trx, id, {
      status: 'acknowledged',
      acked_by: who.ctx.actor,
      acked_at: now,
      updated_at: now,
    });
    await logEvent(trx, who, id, now, 'acknowledged', text ?? null, null);
  });
}

/** An uploaded evidence file. */
export interface EvidenceFile {
  filename: string;
  data: Buffer;
}

/** Adds an explanation with evidence files to an alarm that is not closed (alarm.explain). */
export async function explainAlarm(
  db: Db,
  clock: Clock,
  cfg: AlarmsConfig,
  blobs: BlobStore,
  who: AlarmActor,
  id: number,
  text: string,
  files: readonly EvidenceFile[],
): Promise<void> {
  await handled(db, who, id, HANDLERS, '说明');
  if (files.length > cfg.maxEvidenceFiles)
    throw new LantianError(
      'LT_ERR_ALARM_EVIDENCE_COUNT',
      `${files.length} 个，上限 ${cfg.maxEvidenceFiles} 个`,
    );
  const stored: Array<BlobMeta & { filename: string }> = [];
  for (const f of files) {
    const filename = attachmentName(f.filename);
    const meta = await blobs.put(f.data, filename, {
      maxBytes: cfg.maxEvidenceBytes,
      allowedTypes: cfg.evidenceTypes,
    });
    stored.push({ ...meta, filename });
  }
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const eventId = await logEvent(trx, who, id, now, 'explained', text, {
      files: stored.map((s) => ({ filename: s.filename, sha256: s.sha256, size: s.size })),
    });
    for (const s of stored)
      await insertEvidence(trx, {
        alarm_id: id,
        event_id: eventId,
        sha256: s.sha256,
        filename: s.filename,
        media_type: s.mediaType,
        size: s.size,
        uploaded_by: who.ctx.actor,
        uploaded_at: now,
      });
    await updateAlarm(trx, id, { updated_at: now });
  });
}

/** Closes an alarm with a reason (alarm.close): county and city office only. */
export async function closeAlarm(
  db: Db,
  clock: Clock,
  who: AlarmActor,
  id: number,
  reason: CloseReason,
  text: string,
): Promise<void> {
  await handled(db, who, id, CLOSERS, '关闭');
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await updateAlarm(trx, id, {
      status: 'closed',
      open_key: null,
      escalate_at: null,
      closed_by: who.ctx.actor,
      closed_at: now,
      close_reason: reason,
      close_text: text,
      updated_at: now,
    });
    await logEvent(trx, who, id, now, 'closed', text, { reason });
  });
}
