/**
 * Escaping of raw frame bytes into one text line (pure), for the raw archive and the quarantine:
 * printable ASCII stays as it is, `\` becomes `\\`, CR LF TAB become `\r` `\n` `\t`, every other
 * byte (including UTF-8 Chinese) becomes `\xHH`. unescapeRaw gives back the exact bytes.
 */

const HEX = '0123456789ABCDEF';
const BACKSLASH = 0x5c;

/** Largest escaped size of n bytes. */
export function maxEscapedLength(n: number): number {
  return n * 4;
}

/** True when every byte but a final CR LF (or LF) is printable ASCII other than `\`. */
function plainWithLineEnd(raw: Uint8Array): number {
  let end = raw.length;
  if (end > 0 && raw[end - 1] === 0x0a) end--;
  if (end > 0 && raw[end - 1] === 0x0d) end--;
  for (let i = 0; i < end; i++) {
    const c = raw[i]!;
    if (c < 0x20 || c > 0x7e || c === BACKSLASH) return -1;
  }
  return end;
}

/** Writes the escaped bytes of raw into buf at off (buf must hold maxEscapedLength); returns the new offset. */
export function escapeRawInto(buf: Buffer, off: number, raw: Uint8Array): number {
  const plain = plainWithLineEnd(raw);
  if (plain >= 0) {
    // Fast path for a well-formed frame: copy the bytes, spell the line end.
    buf.set(raw.subarray(0, plain), off);
    off += plain;
    for (let i = plain; i < raw.length; i++) {
      buf[off++] = BACKSLASH;
      buf[off++] = raw[i] === 0x0d ? 0x72 : 0x6e;
    }
    return off;
  }
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c >= 0x20 && c <= 0x7e && c !== BACKSLASH) buf[off++] = c;
    else if (c === BACKSLASH) {
      buf[off++] = BACKSLASH;
      buf[off++] = BACKSLASH;
    } else if (c === 0x0d || c === 0x0a || c === 0x09) {
      buf[off++] = BACKSLASH;
      buf[off++] = c === 0x0d ? 0x72 : c === 0x0a ? 0x6e : 0x74;
    } else {
      buf[off++] = BACKSLASH;
      buf[off++] = 0x78;
      buf[off++] = HEX.charCodeAt(c >>> 4);
      buf[off++] = HEX.charCodeAt(c & 15);
    }
  }
  return off;
}

/** The escaped text of raw bytes. */
export function escapeRaw(raw: Uint8Array): string {
  const buf = Buffer.allocUnsafe(maxEscapedLength(raw.length));
  return buf.toString('latin1', 0, escapeRawInto(buf, 0, raw));
}

/** The bytes an escaped text stands for (unknown escapes are kept literally). */
export function unescapeRaw(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== BACKSLASH || i + 1 >= text.length) {
      out[o++] = c & 0xff;
      continue;
    }
    const n = text[i + 1];
    if (n === '\\') out[o++] = BACKSLASH;
    else if (n === 'r') out[o++] = 0x0d;
    else if (n === 'n') out[o++] = 0x0a;
    else if (n === 't') out[o++] = 0x09;
    else if (n === 'x' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 2, i + 4))) {
      out[o++] = parseInt(text.slice(i + 2, i + 4), 16);
      i += 2;
    } else {
      out[o++] = BACKSLASH;
      continue;
    }
    i++;
  }
  return out.subarray(0, o);
}
