/**
 * Gate photos: JPEG or PNG by content (src/blobs/sniff-type.ts), at most the configured bytes,
 * stored in their own DiskBlobStore (LANTIAN_GATE_PHOTO_DIR, apart from task attachments, so that
 * the retention job can delete from it). Checked before anything is written.
 */
import type { BlobMeta } from '../blobs/blob-store.ts';
import type { DiskBlobStore } from '../blobs/disk-blob-store.ts';
import { MEDIA_TYPES, sniffMediaType } from '../blobs/sniff-type.ts';
import { LantianError } from '../errors.ts';

const EXT: Readonly<Record<string, string>> = {
  [MEDIA_TYPES.jpeg]: 'jpg',
  [MEDIA_TYPES.png]: 'png',
};

/** The media type of a gate photo, or a catalogue error (type by content, size by setting). */
export function checkGatePhoto(data: Uint8Array, maxBytes: number, what: string): string {
  if (data.length > maxBytes)
    throw new LantianError(
      'LT_ERR_GATE_PHOTO_TOO_LARGE',
      `${what}：${data.length} 字节，上限 ${maxBytes}`,
    );
  const type = data.length ? sniffMediaType(data) : null;
  if (type === null || !(type in EXT))
    throw new LantianError('LT_ERR_GATE_PHOTO_TYPE', `${what}：内容为 ${type ?? '未知类型'}`);
  return type;
}

/** Stores a checked photo (content-addressed: the same photo twice is one file). */
export async function storeGatePhoto(
  store: DiskBlobStore,
  data: Uint8Array,
  mediaType: string,
  maxBytes: number,
): Promise<BlobMeta> {
  return store.put(data, `photo.${EXT[mediaType]}`, { maxBytes, allowedTypes: [mediaType] });
}
