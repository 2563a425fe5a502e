/**
 * Content sniffing (pure): what a file really is, from its first bytes and, for the ZIP-based
 * Office formats, from the names in its central directory. An attachment's extension is a claim;
 * its bytes are the evidence (a renamed .exe is not a PDF).
 */

/** Media types Lantian recognises. */
export const MEDIA_TYPES = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  gif: 'image/gif',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
  ole: 'application/x-ole-storage',
  xls: 'application/vnd.ms-excel',
  mp4: 'video/mp4',
} as const;

/** Extensions and the media type each claims. */
export const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  jpg: MEDIA_TYPES.jpeg,
  jpeg: MEDIA_TYPES.jpeg,
  png: MEDIA_TYPES.png,
  webp: MEDIA_TYPES.webp,
  heic: MEDIA_TYPES.heic,
  heif: MEDIA_TYPES.heic,
  gif: MEDIA_TYPES.gif,
  pdf: MEDIA_TYPES.pdf,
  xlsx: MEDIA_TYPES.xlsx,
  docx: MEDIA_TYPES.docx,
  zip: MEDIA_TYPES.zip,
  xls: MEDIA_TYPES.xls,
  mp4: MEDIA_TYPES.mp4,
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** Entry names of a ZIP archive, read from its central directory ([] when it is not readable). */
export function zipEntryNames(b: Uint8Array): string[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65 535 bytes (comment length).
  const floor = Math.max(0, b.length - 22 - 65_535);
  let eocd = -1;
  for (let i = b.length - 22; i >= floor; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > b.length || view.getUint32(at, true) !== 0x02014b50) return names;
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    names.push(new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLen)));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** The media type the bytes show, or null when none of the known signatures matches. */
export function sniffMediaType(b: Uint8Array): string | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return MEDIA_TYPES.jpeg;
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return MEDIA_TYPES.png;
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return MEDIA_TYPES.webp;
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return MEDIA_TYPES.gif;
  if (ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|heim|heis|hevc|mif1|msf1)$/.test(ascii(b, 8, 12)))
    return MEDIA_TYPES.heic;
  // MP4 (ISO/IEC 14496-14): an ISO base-media `ftyp` box naming an MP4-family major brand.
  if (
    ascii(b, 4, 8) === 'ftyp' &&
    /^(isom|iso[2-6]|mp41|mp42|avc1|M4V |dash|mmp4)$/.test(ascii(b, 8, 12))
  )
    return MEDIA_TYPES.mp4;
  // PDF: the header may follow a little junk (ISO 32000-1 §7.5.2 readers search the first 1 KiB).
  if (ascii(b, 0, 1024).includes('%PDF-')) return MEDIA_TYPES.pdf;
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return MEDIA_TYPES.ole;
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) {
    const names = zipEntryNames(b);
    if (names.includes('[Content_Types].xml')) {
      if (names.some((n) => n.startsWith('xl/'))) return MEDIA_TYPES.xlsx;
      if (names.some((n) => n.startsWith('word/'))) return MEDIA_TYPES.docx;
    }
    return MEDIA_TYPES.zip;
  }
  return null;
}

/** The lower-case extension of a file name ('' when it has none). */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * The media type of a file from its bytes and its name: the sniffed type, except that an OLE
 * compound file (the container of .xls, .doc, .ppt alike) is taken as what its extension says.
 */
export function detectMediaType(b: Uint8Array, filename: string): string | null {
  const sniffed = sniffMediaType(b);
  if (sniffed === MEDIA_TYPES.ole)
    return extensionOf(filename) === 'xls' ? MEDIA_TYPES.xls : sniffed;
  return sniffed;
}
