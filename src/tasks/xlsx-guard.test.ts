import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxWithRepeatedRows } from '../../test/support/xlsx-zip.ts';
import { LantianError } from '../errors.ts';
import { checkXlsxLimits, TagCounter, type XlsxLimits } from './xlsx-guard.ts';

const roomy: XlsxLimits = {
  maxEntries: 1000,
  maxUnpackedBytes: 1 << 30,
  maxRows: 1e9,
  maxCells: 1e9,
};

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LantianError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

describe('TagCounter', () => {
  const xml =
    '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/></row>' +
    '<x:row><x:c><x:v>1</x:v></x:c></x:row><cols><col min="1"/></cols><cellWatches/>' +
    '<row\n spans="1:2"><c\tr="A3"></c></row></sheetData>';

  it('counts row and cell start tags, prefixed or not, and nothing else', () => {
    const t = new TagCounter();
    t.add(Buffer.from(xml));
    expect([t.rows, t.cells]).toEqual([3, 4]);
  });

  it('counts the same whichever way the XML is cut into pieces', () => {
    const b = Buffer.from(xml);
    for (let cut = 1; cut < b.length; cut++)
      for (const size of [1, 2, 3, 7]) {
        const t = new TagCounter();
        t.add(b.subarray(0, cut));
        for (let i = cut; i < b.length; i += size) t.add(b.subarray(i, i + size));
        expect([t.rows, t.cells], `cut at ${cut}, pieces of ${size}`).toEqual([3, 4]);
      }
  });
});

describe('checkXlsxLimits', () => {
  it('counts a workbook exceljs wrote and lets it through', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('调度表');
    for (let r = 0; r < 50; r++) ws.addRow(['三.(五).2', '丛台区', r]);
    const b = new Uint8Array(await wb.xlsx.writeBuffer());
    const c = await checkXlsxLimits(b, 'a.xlsx', roomy);
    expect(c.rows).toBe(50);
    expect(c.cells).toBe(150);
    expect(c.unpackedBytes).toBeGreaterThan(b.length);
  });

  it('refuses the bomb of issue 15 at the row limit, after unpacking a few megabytes', async () => {
    const bomb = await xlsxWithRepeatedRows(2_000_000);
    expect(bomb.length).toBeLessThan(1.5 * 1024 * 1024);
    const full = await checkXlsxLimits(bomb, 'bomb.xlsx', roomy);
    expect(full.rows).toBe(2_000_001);
    expect(full.unpackedBytes).toBeGreaterThan(300 * 1024 * 1024);
    const r = await refusal(checkXlsxLimits(bomb, '调度表.xlsx', { ...roomy, maxRows: 20_000 }));
    expect(r.code).toBe('LT_ERR_SHEET_LIMIT');
    expect(r.message).toContain('调度表.xlsx：行数超过上限 20,000');
  });

  it('refuses past each limit: unpacked bytes, cells, entries', async () => {
    const b = await xlsxWithRepeatedRows(1000);
    const size = (await checkXlsxLimits(b, 'a.xlsx', roomy)).unpackedBytes;
    expect(
      (await refusal(checkXlsxLimits(b, 'a.xlsx', { ...roomy, maxUnpackedBytes: size - 1 })))
        .message,
    ).toContain('解压后的大小');
    await expect(
      checkXlsxLimits(b, 'a.xlsx', { ...roomy, maxUnpackedBytes: size }),
    ).resolves.toBeTruthy();
    expect(
      (await refusal(checkXlsxLimits(b, 'a.xlsx', { ...roomy, maxCells: 4006 }))).message,
    ).toContain('单元格数');
    await expect(checkXlsxLimits(b, 'a.xlsx', { ...roomy, maxCells: 4007 })).resolves.toBeTruthy();
    expect((await refusal(checkXlsxLimits(b, 'a.xlsx', { ...roomy, maxEntries: 4 }))).code).toBe(
      'LT_ERR_SHEET_LIMIT',
    );
  });

  it('refuses what is no ZIP, or a cut one, as unreadable', async () => {
    expect(
      (await refusal(checkXlsxLimits(Buffer.from('任务编号,单位'), 'a.xlsx', roomy))).code,
    ).toBe('LT_ERR_SHEET_HEADER');
    const b = await xlsxWithRepeatedRows(10);
    const cut = Buffer.concat([b.subarray(0, 200), b.subarray(b.length - 400)]);
    expect((await refusal(checkXlsxLimits(cut, 'a.xlsx', roomy))).code).toBe('LT_ERR_SHEET_HEADER');
  });
});
