import { describe, expect, it } from 'vitest';
import { parsePrsaFile } from './prsa-parse.ts';

const HEAD =
  '"No","year","month","day","hour","PM2.5","PM10","SO2","NO2","CO","O3","TEMP","PRES","DEWP","RAIN","wd","WSPM","station"';

describe('parsePrsaFile', () => {
  it('reads hours as Beijing interval starts and CO from µg/m³ to mg/m³', () => {
    const text = `${HEAD}\n1,2016,1,1,0,200,209,31,98,3400,2,-2.5,1024.5,-8.2,0,"NNE",1.1,"Dongsi"\n`;
    const f = parsePrsaFile('x.csv', text, 'Asia/Shanghai');
    expect(f.site).toBe('Dongsi');
    expect(f.hours).toEqual([Date.UTC(2015, 11, 31, 16)]);
    expect([...f.values]).toEqual([200, 209, 31, 98, 3.4, 2]);
    expect(f.issues).toEqual([]);
  });

  it('reports NA, negative and non-numeric values with file and line, and skips them', () => {
    const text = `${HEAD}\n1,2016,1,1,0,NA,209,-3,abc,3400,2,-2.5,1024.5,-8.2,0,"NNE",1.1,"Dongsi"\n`;
    const f = parsePrsaFile('d.csv', text, 'Asia/Shanghai');
    expect(f.issues.map((i) => [i.file, i.line, i.field, i.code])).toEqual([
      ['d.csv', 2, 'PM2.5', 'LT_WARN_MISSING'],
      ['d.csv', 2, 'SO2', 'LT_ERR_NEGATIVE'],
      ['d.csv', 2, 'NO2', 'LT_ERR_NOT_NUMERIC'],
    ]);
    expect(Number.isNaN(f.values[0]!)).toBe(true);
    expect(f.values[1]).toBe(209);
    expect(Number.isNaN(f.values[2]!)).toBe(true);
  });

  it('reads a blank cell as missing, never as 0 (Aotizhongxin SO2 2013-03-04 02:00)', () => {
    // Line 76 of PRSA_Data_Aotizhongxin_20130301-20170228.csv, as published: SO2 is one space.
    const text = `${HEAD}\n75,2013,3,4,2,34,62, ,14,300,68,8.1,1016.7,-11.8,0,"N",4.3,"Aotizhongxin"\n`;
    const f = parsePrsaFile('a.csv', text, 'Asia/Shanghai');
    expect(Number.isNaN(f.values[2]!)).toBe(true);
    expect([...f.values].filter((v) => !Number.isNaN(v))).toEqual([34, 62, 14, 0.3, 68]);
    expect(f.issues).toEqual([
      {
        file: 'a.csv',
        line: 2,
        field: 'SO2',
        code: 'LT_WARN_MISSING',
        detail: expect.stringContaining('空白'),
      },
    ]);
  });

  it('refuses every value that is not a plain decimal number', () => {
    const bad = ['0x10', '1e', '1e3', 'Infinity', 'NaN', '\t'];
    const text = `${HEAD}\n1,2016,1,1,0,${bad.join(',')},0,0,0,0,"N",1,"Dongsi"\n`;
    const f = parsePrsaFile('n.csv', text, 'Asia/Shanghai');
    expect([...f.values].every((v) => Number.isNaN(v))).toBe(true);
    expect(f.issues.map((i) => [i.field, i.code])).toEqual([
      ['PM2.5', 'LT_ERR_NOT_NUMERIC'],
      ['PM10', 'LT_ERR_NOT_NUMERIC'],
      ['SO2', 'LT_ERR_NOT_NUMERIC'],
      ['NO2', 'LT_ERR_NOT_NUMERIC'],
      ['CO', 'LT_ERR_NOT_NUMERIC'],
      ['O3', 'LT_WARN_MISSING'],
    ]);
  });

  it('refuses a row whose hour is blank instead of reading it as midnight', () => {
    const text = `${HEAD}\n1,2016,1,1, ,1,1,1,1,1,1,0,0,0,0,"N",1,"Dongsi"\n`;
    const f = parsePrsaFile('h.csv', text, 'Asia/Shanghai');
    expect(f.hours).toEqual([]);
    expect(f.issues.map((i) => [i.line, i.code])).toEqual([[2, 'LT_ERR_CSV_ROW']]);
  });

  it('marks a cut-off last line as truncated and a bad date as a bad row', () => {
    const text = `${HEAD}\n1,2016,1,1,25,1,1,1,1,1,1,0,0,0,0,"N",1,"Dongsi"\n2,2016,1,1,1,200,209`;
    const f = parsePrsaFile('t.csv', text, 'Asia/Shanghai');
    expect(f.issues.map((i) => [i.line, i.code])).toEqual([
      [2, 'LT_ERR_CSV_ROW'],
      [3, 'LT_ERR_CSV_TRUNCATED'],
    ]);
    expect(f.hours).toEqual([]);
    expect(f.badRows).toBe(2);
  });

  it('shifts hour labels that mark the end of the hour', () => {
    const text = `${HEAD}\n1,2016,1,1,1,1,1,1,1,1,1,0,0,0,0,"N",1,"Dongsi"\n`;
    expect(parsePrsaFile('x', text, 'Asia/Shanghai', 'end').hours).toEqual([
      Date.UTC(2015, 11, 31, 16),
    ]);
  });
});
