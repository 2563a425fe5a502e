/**
 * The name an attachment is stored and offered under (pure): the name the uploader gave, whole,
 * made safe rather than cut. `照片 <b>bold</b>.png` stays `照片 <b>bold<_b>.png` (it was stored as
 * `b>.png` when the multipart parser took everything up to the last slash for a folder). Only a name that is a
 * whole Windows path (old browsers send `C:\fakepath\照片.png`) loses its folders.
 *
 * Made safe: path separators become `_`, control and bidirectional-override characters (which can
 * disguise an extension: `photo\u202Egnp.exe`) are dropped, the name is NFC-normalised and trimmed,
 * and a name longer than MAX_NAME characters is shortened before its extension, which stays. Markup such as `<b>` is kept as text: every page and header escapes or encodes it.
 */

/** Longest stored name, in characters (code points). */
export const MAX_NAME = 200;

const WINDOWS_PATH = /^(?:[A-Za-z]:\\|\\\\)/;
// C0 and C1 controls, DEL, and the bidirectional embedding, override and isolate characters.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The stored name of an uploaded file ('附件' when nothing is left). */
export function attachmentName(raw: string): string {
  let name = raw.normalize('NFC');
  if (WINDOWS_PATH.test(name)) name = name.slice(name.lastIndexOf('\\') + 1);
  name = name.replace(UNSAFE, '').replace(/[\\/]/g, '_').trim();
  const chars = [...name];
  if (chars.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? [...name.slice(dot)] : [];
    const keep = ext.length > 0 && ext.length <= 16 ? ext : [];
    name = chars.slice(0, MAX_NAME - keep.length).join('') + keep.join('');
  }
  return name || '附件';
}
