/**
 * Attachments of progress reports: photos, PDFs and spreadsheets go to the BlobStore after the
 * size and content-type checks (src/blobs), and are recorded as uploads of their uploader; a
 * report then names the uploads it carries. Reading one back is scoped like its report.
 */
import { recordAudit } from '../audit/audit-log.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { attachmentsOf, findReport, insertUpload } from './report-repo.ts';
import type { TaskUploadRow } from './tables.ts';
import type { TasksConfig } from './task-config.ts';
import type { TaskActor, TaskContext } from './task-context.ts';
import { attachmentName } from './rules/attachment-name.ts';
import { rowScopeProblem } from './rules/row-scope.ts';

/** An upload as the API shows it. */
export interface UploadView {
  id: number;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: number;
}

/** The API view of an upload row. */
export function uploadView(u: TaskUploadRow): UploadView {
  return {
    id: u.id,
    filename: u.filename,
    mediaType: u.media_type,
    size: u.size,
    sha256: u.sha256,
    uploadedAt: u.uploaded_at,
  };
}

/** Checks and stores an attachment (task.upload). */
export async function uploadAttachment(
  db: Db,
  clock: Clock,
  cfg: TasksConfig,
  blobs: BlobStore,
  who: TaskActor,
  data: Uint8Array,
  rawName: string,
): Promise<UploadView> {
  if (!['city-admin', 'county', 'department'].includes(who.principal.role))
    throw new LantianError('LT_ERR_FORBIDDEN', '只有县区、部门和市大气办账号可以上传附件');
  const filename = attachmentName(rawName);
  const meta = await blobs.put(data, filename, {
    maxBytes: cfg.maxAttachmentBytes,
    allowedTypes: cfg.attachmentTypes,
  });
  const now = clock.now();
  return db.kysely.transaction().execute(async (trx) => {
    const id = await insertUpload(trx, {
      sha256: meta.sha256,
      filename,
      media_type: meta.mediaType,
      size: meta.size,
      uploaded_by: who.ctx.actor,
      uploaded_at: now,
    });
    await recordAudit(trx, now, {
      ...who.ctx,
      action: 'task.upload',
      target: `upload:${id}`,
      detail: { filename, mediaType: meta.mediaType, size: meta.size, sha256: meta.sha256 },
    });
    return {
      id,
      filename,
      mediaType: meta.mediaType,
      size: meta.size,
      sha256: meta.sha256,
      uploadedAt: now,
    };
  });
}

/** An attachment of a report with its bytes, if the caller may see the report. */
export async function readAttachment(
  db: Db,
  blobs: BlobStore,
  c: TaskContext,
  who: TaskActor,
  reportId: number,
  uploadId: number,
): Promise<{ upload: UploadView; data: Buffer }> {
  const report = await findReport(db, reportId);
  if (!report || report.plan !== c.plan.plan)
    throw new LantianError('LT_ERR_REPORT_NOT_FOUND', `#${reportId}`);
  const measure = c.measure(report.number);
  const problem = rowScopeProblem(
    who.principal,
    measure,
    c.ancestry(report.unit_adcode),
    c.registry,
    c.unitName(report.unit_adcode),
  );
  if (problem) throw new LantianError('LT_ERR_OUT_OF_SCOPE', problem);
  const u = (await attachmentsOf(db, [reportId])).get(reportId)?.find((x) => x.id === uploadId);
  if (!u)
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', `报告 #${reportId} 没有附件 #${uploadId}`);
  const data = await blobs.get(u.sha256);
  if (!data)
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', `附件 #${uploadId} 的文件缺失（${u.sha256}）`);
  return { upload: uploadView(u), data };
}
