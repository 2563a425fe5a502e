import { describe, expect, it } from 'vitest';
import { isLantianError } from '../errors.ts';
import { parseDeviceCsv } from './device-csv.ts';

describe('device registry CSV', () => {
  it('reads rows in any column order, with optional name and aliases', () => {
    const csv =
      '\ufeffkind,mn,target,password,edition,crc,interval_s,name,aliases\n' +
      'station,010000A8900016F000169DC0,1011A,123456,auto,standard,3600,"东站, 1号",\n' +
      '# a comment\n' +
      'outlet,010000A8900016F000169DC1,DA001,654321,2005,modbus,60,,"{""02"":{""unit"":""mg/m3""}}"\n';
    const r = parseDeviceCsv(csv);
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({
      line: 2,
      input: { kind: 'station', name: '东站, 1号', intervalS: 3600 },
    });
    expect(r.rows[1]).toMatchObject({
      line: 4,
      input: { crc: 'modbus', aliases: { '02': { unit: 'mg/m3' } } },
    });
  });
  it('reads the optional link settings line_end, clock_sync and backfill', () => {
    const r = parseDeviceCsv(
      'mn,kind,target,password,edition,crc,interval_s,line_end,clock_sync,backfill\n' +
        'SD000001,outlet,DA001,0123456789ABCDEF01234567,auto,standard,60,crlf,auto,off\n' +
        'SD000002,outlet,DA002,123456,auto,standard,60,,,\n',
    );
    expect(r.rows[0]!.input).toMatchObject({ lineEnd: 'crlf', clockSync: 'auto', backfill: 'off' });
    expect(r.rows[1]!.input.lineEnd).toBeUndefined();
  });
  it('reports unreadable rows by line and goes on', () => {
    const r = parseDeviceCsv(
      'mn,kind,target,password,edition,crc,interval_s\nA,b\nX,outlet,T,p,auto,standard,x1\n',
    );
    expect(r.problems).toMatchObject([{ line: 2, code: 'LT_ERR_BAD_DEVICE' }]);
    expect(r.rows[0]!.input.intervalS).toBeNaN();
  });
  it('refuses a header without the required columns', () => {
    try {
      parseDeviceCsv('mn,kind,target\n');
      expect.unreachable();
    } catch (e) {
      expect(isLantianError(e, 'LT_ERR_CSV_HEADER')).toBe(true);
    }
  });
});
