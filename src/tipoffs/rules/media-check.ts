/**
 * What a citizen may attach (pure): photos (JPEG, PNG, WebP, HEIC) and MP4 video, recognised by
 * their bytes (src/blobs/sniff-type.ts), each kind under its own size limit. The name a phone
 * gives a file is not kept: it is rebuilt from the type.
 */
import { MEDIA_TYPES, sniffMediaType } from '../../blobs/sniff-type.ts';

const EXT: Readonly<Record<string, string>> = {
  [MEDIA_TYPES.jpeg]: 'jpg',
  [MEDIA_TYPES.png]: 'png',
  [MEDIA_TYPES.webp]: 'webp',
  [MEDIA_TYPES.heic]: 'heic',
  [MEDIA_TYPES.mp4]: 'mp4',
};

/** Why a file is refused (Chinese) and how, or its type and a neutral file name. */
export function checkReportFile(
  b: Uint8Array,
  label: string,
  limits: { maxImageBytes: number; maxVideoBytes: number },
): { type: string; filename: string } | { problem: string; kind: 'type' | 'size' } {
  const sniffed = b.length === 0 ? null : sniffMediaType(b);
  const ext = sniffed === null ? undefined : EXT[sniffed];
  if (sniffed === null || ext === undefined)
    return { problem: `${label}：只接受照片（JPEG、PNG、WebP、HEIC）或 MP4 视频`, kind: 'type' };
  const max = sniffed === MEDIA_TYPES.mp4 ? limits.maxVideoBytes : limits.maxImageBytes;
  if (b.length > max)
    return { problem: `${label}：超过 ${Math.round(max / 1024 / 1024)} MB`, kind: 'size' };
  return { type: sniffed, filename: `file.${ext}` };
}

/** The media types a report's files may have (for the store's policy). */
export const REPORT_MEDIA_TYPES: readonly string[] = Object.keys(EXT);
