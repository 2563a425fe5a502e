import { describe, expect, it } from 'vitest';
import { attachmentName, MAX_NAME } from './attachment-name.ts';

describe('attachmentName', () => {
  it('keeps the name whole, slashes and markup included, made safe', () => {
    expect(attachmentName('照片 <b>bold</b>.png')).toBe('照片 <b>bold<_b>.png');
    expect(attachmentName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(attachmentName('  验收\u0000报告.pdf \n')).toBe('验收报告.pdf');
    expect(attachmentName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(attachmentName('Cafe\u0301.jpg')).toBe('Café.jpg');
  });

  it('drops only the folders of a whole Windows path', () => {
    expect(attachmentName('C:\\fakepath\\现场照片.png')).toBe('现场照片.png');
    expect(attachmentName('\\\\server\\share\\表.xlsx')).toBe('表.xlsx');
  });

  it('shortens a long name before its extension, counting characters', () => {
    const long = attachmentName(`${'邯'.repeat(300)}.jpeg`);
    expect([...long]).toHaveLength(MAX_NAME);
    expect(long.endsWith('邯.jpeg')).toBe(true);
  });

  it('names a file with nothing left 附件', () => {
    expect(attachmentName('\u0001\u202E ')).toBe('附件');
  });
});
