/**
 * A PDF document set in Chinese: the CJK font Lantian carries, Noto Sans SC (npm package
 * @expo-google-fonts/noto-sans-sc, SIL Open Font License 1.1), embedded as a subset, or another
 * font file named instead (`--font`, LANTIAN_REPORT_FONT); and an A4 pdfkit document with that
 * font registered whose bytes are collected into one Buffer. The monthly bulletin, warning
 * notices and episode evaluations are written on it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { LantianError } from '../errors.ts';

/** A pdfkit document. */
export type PdfDoc = InstanceType<typeof PDFDocument>;

/** The npm package of the CJK font Lantian carries, and its Regular face. */
const BUNDLED_CJK_FONT = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

/** The name the CJK font is registered under in every document (`doc.font(CJK)`). */
export const CJK = 'cjk';

/** A font file, and the face to use when the file is a collection (.ttc). */
export interface CjkFont {
  path: string;
  face?: string | undefined;
}

/**
 * The CJK font of the reports: `spec` (a TTF/OTF file, or `file.ttc#PostScriptName` for a face
 * of a collection) when given, else Noto Sans SC from the npm package. LT_ERR_FILE_NOT_FOUND
 * when the file is not there.
 */
export function resolveCjkFont(spec?: string): CjkFont {
  if (!spec) return { path: createRequire(import.meta.url).resolve(BUNDLED_CJK_FONT) };
  const hash = spec.lastIndexOf('#');
  const font =
    hash > 0 ? { path: spec.slice(0, hash), face: spec.slice(hash + 1) } : { path: spec };
  if (!existsSync(font.path))
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', `中文字体 ${font.path}`);
  return font;
}

/** What a document is opened with. */
export interface CjkPdfOptions {
  font: CjkFont;
  title: string;
  author: string;
  created: Date;
  /** Page margins in points: one for all sides, or each side. */
  margins: number | { top: number; bottom: number; left: number; right: number };
}

/** An open document and its bytes once `doc.end()` is called. */
export interface CjkPdf {
  doc: PdfDoc;
  done: Promise<Buffer>;
}

/**
 * Opens an A4 document with the CJK font registered and selected. LT_ERR_FILE_NOT_FOUND when the
 * font file is missing, LT_ERR_BAD_REQUEST when pdfkit cannot use it.
 */
export function openCjkPdf(o: CjkPdfOptions): CjkPdf {
  const { font } = o;
  if (!existsSync(font.path))
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', `中文字体 ${font.path}`);
  const doc = new PDFDocument({
    size: 'A4',
    ...(typeof o.margins === 'number' ? { margin: o.margins } : { margins: o.margins }),
    info: { Title: o.title, Author: o.author, CreationDate: o.created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont(CJK, font.path, font.face);
    doc.font(CJK);
  } catch (e) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `中文字体 ${font.path}${font.face ? `#${font.face}` : ''} 无法使用（${(e as Error).message}）`,
    );
  }
  return { doc, done };
}
