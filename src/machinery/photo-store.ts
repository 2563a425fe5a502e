/**
 * Storing the photos of a registration or a check: images only (by content), within the size
 * and count limits. Every file is checked before the first is stored, so a refused upload leaves
 * nothing behind in the BlobStore.
 */
import { checkAttachment } from '../blobs/attachment-check.ts';
import type { BlobMeta, BlobStore } from '../blobs/blob-store.ts';
import { LantianError } from '../errors.ts';
import { attachmentName } from '../tasks/rules/attachment-name.ts';
import type { MachineryConfig } from './machinery-config.ts';

/** An uploaded file. */
export interface UploadedPhoto {
  filename: string;
  data: Buffer;
}

/** A stored photo. */
export type StoredPhoto = BlobMeta & { filename: string };

/** Checks every photo, then stores them all. */
export async function storePhotos(
  blobs: BlobStore,
  cfg: MachineryConfig,
  files: readonly UploadedPhoto[],
): Promise<StoredPhoto[]> {
  if (files.length > cfg.maxPhotos)
    throw new LantianError(
      'LT_ERR_MACHINERY_PHOTO_COUNT',
      `${files.length} 张，上限 ${cfg.maxPhotos} 张`,
    );
  const policy = { maxBytes: cfg.maxPhotoBytes, allowedTypes: cfg.photoTypes };
  const named = files.map((f) => ({ ...f, filename: attachmentName(f.filename) }));
  for (const f of named) checkAttachment(f.data, f.filename, policy);
  const out: StoredPhoto[] = [];
  for (const f of named)
    out.push({ ...(await blobs.put(f.data, f.filename, policy)), filename: f.filename });
  return out;
}
