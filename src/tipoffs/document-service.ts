/**
 * Documents of the exposure board: the monthly rankings and notices the city office publishes,
 * each a title and month with a link or an attached PDF (checked by content). Audited.
 */
import type { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { MEDIA_TYPES } from '../blobs/sniff-type.ts';
import { LantianError } from '../errors.ts';
import type { HandlingDeps, TipoffActor } from './handling-service.ts';
import type { DocumentForm } from './schema.ts';
import { insertDocument } from './tipoff-repo.ts';

/** Largest PDF accepted, bytes. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Publishes a document (tipoff.document_published); returns its id. */
export async function publishDocument(
  d: HandlingDeps,
  who: TipoffActor,
  f: z.output<typeof DocumentForm>,
  pdf: Buffer | null,
): Promise<number> {
  if (who.principal.role !== 'city-admin')
    throw new LantianError('LT_ERR_FORBIDDEN', '曝光台文件由市大气办发布');
  if (!f.url && !pdf) throw new LantianError('LT_ERR_TIPOFF_INPUT', '请填写链接或上传 PDF');
  const meta = pdf
    ? await d.blobs.put(pdf, 'document.pdf', {
        maxBytes: MAX_DOCUMENT_BYTES,
        allowedTypes: [MEDIA_TYPES.pdf],
      })
    : null;
  const now = d.clock.now();
  const id = await insertDocument(d.db, {
    title: f.title,
    month: f.month,
    url: f.url ?? null,
    pdf_sha256: meta?.sha256 ?? null,
    published_by: who.ctx.actor,
    published_at: now,
  });
  await recordAudit(d.db, now, {
    ...who.ctx,
    action: 'tipoff.document_published',
    target: `exposure_document:${id}`,
    detail: { title: f.title, month: f.month, pdf: meta?.sha256 ?? null },
  });
  return id;
}
