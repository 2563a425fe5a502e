/**
 * The text of a PDF written by pdfkit with an embedded CJK subset (src/reports/cjk-pdf.ts), for
 * tests: every FlateDecode stream is inflated, the ToUnicode maps give each glyph id its
 * character, and the hex strings shown by Tj/TJ are read through them. Enough for our own
 * documents, not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const s = pdf.indexOf('stream', at, 'latin1');
    if (s < 0) break;
    let start = s + 'stream'.length;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = pdf.indexOf('endstream', start, 'latin1');
    if (end < 0) break;
    const dict = pdf.subarray(Math.max(0, s - 300), s).toString('latin1');
    const raw = pdf.subarray(start, end);
    try {
      out.push((dict.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1'));
    } catch {
      // Not a deflate stream (font program with another filter): nothing to read.
    }
    at = end + 'endstream'.length;
  }
  return out;
}

const hexChars = (hex: string) =>
  String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

/** The characters of the document, in the order its content streams show them. */
export function pdfText(pdf: Buffer): string {
  const all = streams(pdf);
  const map = new Map<number, string>();
  for (const s of all.filter((x) => x.includes('begincmap'))) {
    for (const m of s.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const first = parseInt(m[3]!, 16);
      for (let g = lo; g <= hi; g++) map.set(g, String.fromCodePoint(first + g - lo));
    }
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
        const lo = parseInt(m[1]!, 16);
        [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((h, i) =>
          map.set(lo + i, hexChars(h[1]!)),
        );
      }
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
        map.set(parseInt(m[1]!, 16), hexChars(m[2]!));
  }
  let text = '';
  for (const s of all.filter((x) => /\bT[jJ]\b/.test(x) && !x.includes('begincmap'))) {
    for (const m of s.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes =
        m[1] !== undefined ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [m[2]!];
      for (const h of hexes)
        for (const g of h.match(/.{4}/g) ?? []) text += map.get(parseInt(g, 16)) ?? '';
    }
    text += '\n';
  }
  return text;
}
