import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkAttachment } from './attachment-check.ts';
import { MEDIA_TYPES, sniffMediaType } from './sniff-type.ts';

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const policy = {
  maxBytes: 1000,
  allowedTypes: [MEDIA_TYPES.png, MEDIA_TYPES.pdf, MEDIA_TYPES.xlsx],
};

describe('content sniffing', () => {
  it('recognises photos, PDFs and spreadsheets by their bytes', async () => {
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(MEDIA_TYPES.jpeg);
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toBe(MEDIA_TYPES.pdf);
    expect(sniffMediaType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe(MEDIA_TYPES.webp);
    expect(sniffMediaType(Buffer.from('\0\0\0\x18ftypheic'))).toBe(MEDIA_TYPES.heic);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow([1]);
    expect(sniffMediaType(Buffer.from(await wb.xlsx.writeBuffer()))).toBe(MEDIA_TYPES.xlsx);
    expect(sniffMediaType(Buffer.from('MZ\x90\0'))).toBeNull();
    expect(sniffMediaType(Buffer.from('PK\x03\x04 not really a zip'))).toBe(MEDIA_TYPES.zip);
  });

  it('never takes a PNG for anything else, whatever follows the signature (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        expect(sniffMediaType(Buffer.from([...PNG_SIG, ...tail]))).toBe(MEDIA_TYPES.png);
      }),
    );
  });

  it('accepts a file only when size, content and extension all agree (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 1200 }),
        fc.constantFrom('a.png', 'a.pdf', 'a.exe', 'a'),
        (bytes, name) => {
          let accepted: string | null = null;
          try {
            accepted = checkAttachment(bytes, name, policy);
          } catch (e) {
            expect((e as { code: string }).code).toMatch(/^LT_ERR_ATTACHMENT_(TOO_LARGE|TYPE)$/);
          }
          if (accepted !== null) {
            expect(bytes.length).toBeLessThanOrEqual(1000);
            expect(policy.allowedTypes).toContain(accepted);
            expect(sniffMediaType(bytes)).toBe(accepted);
          }
        },
      ),
    );
    expect(checkAttachment(Buffer.from([...PNG_SIG, 1, 2]), '照片.PNG', policy)).toBe(
      MEDIA_TYPES.png,
    );
    expect(() => checkAttachment(Buffer.from([...PNG_SIG]), '照片.pdf', policy)).toThrow(/扩展名/);
  });
});
