import { describe, expect, it } from 'vitest';
import { parseSegment, type SegmentParseResult } from './segment.ts';
import { cpItems } from './cp-items.ts';
import { dataTime, isSplit, needsAck, type Hj212Packet } from './packet.ts';
import { Hj212Decoder } from './decoder.ts';
import { VALID_VECTORS, segmentOf } from './test-vectors.ts';

function ok(r: SegmentParseResult): Hj212Packet {
  if (!r.ok) throw new Error(`expected a packet, got ${r.detail}`);
  return r.packet;
}
function fails(r: SegmentParseResult): string {
  if (r.ok) throw new Error('expected bad_field');
  expect(r.reason).toBe('bad_field');
  return r.detail;
}

const HEAD = 'QN=20160801085857223;ST=22;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;';

describe('parseSegment: the §10.1 vectors', () => {
  const [v1, v2, v3, v4] = VALID_VECTORS.map((v) => ok(parseSegment(segmentOf(v.frame))));

  it('parses the Appendix A example (2017, Flag=5 asks for an ack)', () => {
    expect(v1).toEqual({
      qn: '20160801085857223',
      st: '32',
      cn: '1062',
      pw: '100000',
      mn: '010000A8900016F000169DC0',
      flag: 5,
      version: '2017',
      cp: [['RtdInterval', '30']],
    });
    expect(needsAck(v1!)).toBe(true);
    expect(isSplit(v1!)).toBe(false);
  });

  it('keeps every CP pair of the air-station packet in order, as received', () => {
    expect(v2!.version).toBe('2017');
    expect(needsAck(v2!)).toBe(false);
    expect(v2!.cp).toHaveLength(15);
    expect(v2!.cp[0]).toEqual(['DataTime', '20191012133710']);
    expect(v2!.cp[1]).toEqual(['a21005-Rtd', '0.00']);
    expect(v2!.cp[14]).toEqual(['a21002-Flag', 'N']);
    expect(dataTime(v2!)).toBe('20191012133710');
  });

  it('parses a 2005 packet without QN and Flag, with 2005 codes', () => {
    expect(v3!.qn).toBeUndefined();
    expect(v3!.flag).toBeUndefined();
    expect(v3!.version).toBe('2005');
    expect(v3!.mn).toBe('LD130133000015');
    const items = cpItems(v3!);
    expect(items.dataTime).toBe('20160824003817');
    expect([...items.items.keys()]).toEqual(['011', 'B01', '060']);
    expect(items.items.get('011')).toEqual({ Rtd: '231.0', Flag: 'N' });
    expect(items.items.get('B01')!.Rtd).toBe('36.91');
  });

  it('reads Flag=8 as the 2025 edition (version bits 000010)', () => {
    expect(v4!.flag).toBe(8);
    expect(v4!.version).toBe('2025');
    expect(v4!.mn).toBe('ZLDSZ20210127'); // 13 characters
  });
});

describe('parseSegment: editions and layouts', () => {
  it.each([
    [0, '2005'],
    [3, '2005'],
    [4, '2017'],
    [7, '2017'],
    [8, '2025'],
    [9, '2025'],
  ] as const)('maps Flag=%i to %s', (flag, version) => {
    const seg =
      HEAD.replace('Flag=4', `Flag=${flag}`) + (flag & 2 ? 'PNUM=2;PNO=1;' : '') + 'CP=&&&&';
    expect(ok(parseSegment(seg)).version).toBe(version);
  });

  it('rejects unknown version bits unless the device edition is overridden', () => {
    const seg = HEAD.replace('Flag=4', 'Flag=12') + 'CP=&&&&';
    expect(fails(parseSegment(seg))).toContain('Flag');
    expect(ok(parseSegment(seg, { version: '2017' })).version).toBe('2017');
    expect(
      ok(parseSegment(seg, { version: (mn) => (mn.startsWith('01') ? '2025' : undefined) }))
        .version,
    ).toBe('2025');
  });

  it('accepts 2005 split packets with PNO/PNUM before Flag or without Flag', () => {
    const a = ok(
      parseSegment(
        'ST=31;CN=2051;PW=123456;MN=14513567846884;PNO=0002;PNUM=0002;CP=&&DataTime=20230327090000&&',
      ),
    );
    expect([a.pnum, a.pno, a.flag, a.version]).toEqual([2, 2, undefined, '2005']);
    expect(isSplit(a)).toBe(true);
    const b = ok(
      parseSegment(
        'QN=20040516010101001;ST=32;CN=2011;PW=123456;MN=88888880000001;PNUM=3;PNO=1;Flag=3;CP=&&&&',
      ),
    );
    expect([b.pnum, b.pno, b.flag, b.version]).toEqual([3, 1, 3, '2005']);
    expect(needsAck(b)).toBe(true);
  });

  it('accepts Flag in another position, an empty CP area, an empty value and a trailing ";"', () => {
    const p = ok(
      parseSegment(
        'ST=27;Flag=4;CN=2011;PW=123456;MN=DYGLO000001A000001;CP=&&a05002-Rtd=-0.94,a05002-Flag=;&&',
      ),
    );
    expect(p.flag).toBe(4);
    expect(p.cp).toEqual([
      ['a05002-Rtd', '-0.94'],
      ['a05002-Flag', ''],
    ]);
    expect(ok(parseSegment(HEAD + 'CP=&&&&')).cp).toEqual([]);
  });

  it('keeps values containing "=" and unusual suffixes and flags as received', () => {
    const p = ok(
      parseSegment(
        HEAD +
          'CP=&&DataTime=20240101000000;a34004-Rtd=35,a34004-Flag=St,a34004-EFlag=A1;i11001-Info=x=y;SB1-RS=1;a01006-ValidNum=10&&',
      ),
    );
    const items = cpItems(p);
    expect(items.items.get('a34004')).toEqual({ Rtd: '35', Flag: 'St', EFlag: 'A1' });
    expect(items.items.get('i11001')!.Info).toBe('x=y');
    expect(items.items.get('SB1')!.RS).toBe('1');
    expect(items.items.get('a01006')!.ValidNum).toBe('10');
  });
});

describe('parseSegment: field errors name the field', () => {
  it.each([
    ['no CP area', HEAD.slice(0, -1), 'CP'],
    ['CP not closed', HEAD + 'CP=&&a=1', '&&'],
    ['CP not last', HEAD + 'CP=&&a=1&&;X=1', '&&'],
    ['missing MN', 'ST=22;CN=2011;PW=123456;CP=&&&&', 'MN'],
    ['missing ST', 'CN=2011;PW=123456;MN=010000A8900016F000169DC0;CP=&&&&', 'ST'],
    ['missing PW', 'ST=22;CN=2011;MN=010000A8900016F000169DC0;CP=&&&&', 'PW'],
    ['CN not 4 digits', HEAD.replace('CN=2011', 'CN=201') + 'CP=&&&&', 'CN'],
    ['ST too long', HEAD.replace('ST=22', 'ST=222') + 'CP=&&&&', 'ST'],
    ['QN not digits', HEAD.replace('QN=20160801085857223', 'QN=2016-08-01') + 'CP=&&&&', 'QN'],
    ['MN empty', HEAD.replace('MN=010000A8900016F000169DC0', 'MN=') + 'CP=&&&&', 'MN'],
    [
      'MN too long',
      HEAD.replace('MN=010000A8900016F000169DC0', 'MN=' + 'A'.repeat(65)) + 'CP=&&&&',
      'MN',
    ],
    [
      'MN with a space',
      HEAD.replace('MN=010000A8900016F000169DC0', 'MN=010000A89 0016F000169') + 'CP=&&&&',
      'MN',
    ],
    ['Flag over 255', HEAD.replace('Flag=4', 'Flag=256') + 'CP=&&&&', 'Flag'],
    ['Flag not a number', HEAD.replace('Flag=4', 'Flag=x') + 'CP=&&&&', 'Flag'],
    ['split flag without PNUM', HEAD.replace('Flag=4', 'Flag=6') + 'CP=&&&&', 'PNUM'],
    ['PNUM without PNO', HEAD + 'PNUM=2;CP=&&&&', 'PNO'],
    ['PNO beyond PNUM', HEAD.replace('Flag=4', 'Flag=6') + 'PNUM=2;PNO=3;CP=&&&&', 'PNO'],
    ['duplicate field', HEAD + 'ST=22;CP=&&&&', 'ST'],
    ['unknown field', HEAD + 'XX=1;CP=&&&&', 'XX'],
    ['field without "="', HEAD + 'ABC;CP=&&&&', 'ABC'],
    ['CP pair without "="', HEAD + 'CP=&&DataTime=1;a21026-Rtd&&', 'a21026-Rtd'],
    ['CP pair without key', HEAD + 'CP=&&=5&&', '=5'],
  ])('%s', (_name, seg, field) => {
    expect(fails(parseSegment(seg))).toContain(field);
  });

  it('accepts the short MNs and long passwords of real captures by default; a configuration narrows them', () => {
    const seg =
      HEAD.replace('MN=010000A8900016F000169DC0', 'MN=SD000001').replace(
        'PW=123456',
        'PW=0123456789ABCDEF01234567',
      ) + 'CP=&&&&';
    expect(ok(parseSegment(seg)).mn).toBe('SD000001');
    expect(ok(parseSegment(seg)).pw).toBe('0123456789ABCDEF01234567');
    expect(fails(parseSegment(seg, { mnLength: { min: 13, max: 24 } }))).toContain('MN');
    expect(fails(parseSegment(seg, { pwMax: 16 }))).toContain('PW');
  });
});

describe('cpItems', () => {
  it('groups by code, keeps the first of a repeated suffix and moves the repeat to other', () => {
    const p = ok(
      parseSegment(
        HEAD +
          'CP=&&DataTime=20210823075400;a05002-Rtd=-0.94,a05002-Flag=N;a05002-Cou=0.00,a05002-Flag=D;QnRtn=1;DataTime=20210823075500;x-__proto__=1&&',
      ),
    );
    const items = cpItems(p);
    expect(items.dataTime).toBe('20210823075400');
    expect(items.items.get('a05002')).toEqual({ Rtd: '-0.94', Flag: 'N', Cou: '0.00' });
    expect(items.other).toEqual([
      ['a05002-Flag', 'D'],
      ['QnRtn', '1'],
      ['DataTime', '20210823075500'],
    ]);
    expect(items.items.get('x')!['__proto__']).toBe('1');
  });
});

describe('Hj212Decoder', () => {
  it('turns a field error inside a CRC-valid frame into a bad_field rejection with its bytes', async () => {
    const { encodeFrame } = await import('./serializer.ts');
    const frame = encodeFrame('ST=22;CN=2011;PW=123456;CP=&&&&');
    const [e] = new Hj212Decoder().push(frame);
    expect(e!.ok).toBe(false);
    if (e!.ok) return;
    expect(e!.reason).toBe('bad_field');
    expect(e!.detail).toContain('MN');
    expect(e!.raw.equals(frame)).toBe(true);
  });

  it('decodes UTF-8 text in log items, counting the length in bytes', async () => {
    const { serialize } = await import('./serializer.ts');
    const frame = serialize({
      qn: '20160801085857223',
      st: '31',
      cn: '3020',
      pw: '123456',
      mn: '010000A8900016F000169DC0',
      flag: 4,
      cp: [
        ['DataTime', '20160801085857'],
        ['i11001-Info', '仪器故障'],
      ],
    });
    const [e] = new Hj212Decoder().push(frame);
    expect(e!.ok && e!.packet.cp[1]).toEqual(['i11001-Info', '仪器故障']);
  });
});
