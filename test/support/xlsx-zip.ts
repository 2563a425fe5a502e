/**
 * Builds spreadsheets byte by byte for tests of the readers' limits: a minimal .xlsx (a ZIP of
 * the parts Excel writes, APPNOTE.TXT §4.3) whose worksheet XML is streamed through deflate, so a
 * "spreadsheet bomb" of hundreds of megabytes of XML is made without ever holding that XML.
 */
import { constants, crc32, createDeflateRaw } from 'node:zlib';

/** One ZIP entry: its name and its bytes, given whole or as pieces produced one at a time. */
export interface ZipPart {
  name: string;
  pieces: () => Iterable<Uint8Array>;
}

interface Packed {
  name: Buffer;
  crc: number;
  size: number;
  data: Buffer;
}

async function pack(p: ZipPart): Promise<Packed> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  for (const piece of p.pieces()) {
    crc = crc32(piece, crc);
    size += piece.length;
    if (!deflate.write(piece)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await ended;
  return { name: Buffer.from(p.name, 'utf8'), crc, size, data: Buffer.concat(out) };
}

/** A ZIP (deflate, no ZIP64) of the parts. */
export async function zip(parts: readonly ZipPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const p = await pack(part);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(p.name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.crc >>> 0, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.size, 24);
    dir.writeUInt16LE(p.name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, p.name, p.data);
    central.push(dir, p.name);
    offset += 30 + p.name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const whole = (name: string, text: string): ZipPart => ({
  name,
  pieces: () => [Buffer.from(text, 'utf8')],
});

const HEADER_ROW =
  '<row r="1">' +
  ['任务编号', '责任单位', '单位代码', '指标', '累计完成', '已完成节点', '进展情况']
    .map((h) => `<c t="inlineStr"><is><t>${h}</t></is></c>`)
    .join('') +
  '</row>';

/**
 * A workbook with one sheet, 调度表: the dispatch sheet's header row, then `rows` byte-identical
 * copies of one data row (no `r` attributes, which ECMA-376 makes optional), about 160 bytes
 * each: two million make 328 MB of XML in a 1.3 MB file, the bomb of issue 15.
 */
export function xlsxWithRepeatedRows(rows: number): Promise<Buffer> {
  const row = Buffer.from(
    '<row><c t="inlineStr"><is><t>三.(五).2</t></is></c><c t="inlineStr"><is><t>丛台区</t></is></c>' +
      '<c t="inlineStr"><is><t>130403</t></is></c><c><v>12</v></c></row>',
    'utf8',
  );
  const perPiece = 4096;
  const piece = Buffer.concat(Array.from({ length: perPiece }, () => row));
  return zip([
    whole(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    whole(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    whole(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="调度表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    whole(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    {
      name: 'xl/worksheets/sheet1.xml',
      pieces: function* () {
        yield Buffer.from(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
            HEADER_ROW,
          'utf8',
        );
        for (let left = rows; left > 0; left -= perPiece)
          yield left >= perPiece ? piece : piece.subarray(0, left * row.length);
        yield Buffer.from('</sheetData></worksheet>', 'utf8');
      },
    },
  ]);
}
