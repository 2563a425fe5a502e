import { describe, expect, it } from 'vitest';
import { packetFromJson, packetToJson } from './packet-json.ts';
import { Hj212Decoder } from './decoder.ts';
import { serialize } from './serializer.ts';
import { VALID_VECTORS } from './test-vectors.ts';

describe('packet JSON shape of the inspector', () => {
  it.each(VALID_VECTORS)('goes JSON → packet → the same frame for vector $name', (v) => {
    const [e] = new Hj212Decoder().push(Buffer.from(v.frame, 'latin1'));
    if (!e?.ok) throw new Error('vector rejected');
    const line = JSON.stringify(packetToJson(e.packet));
    const back = packetFromJson(JSON.parse(line));
    if (!back.ok) throw new Error(back.detail);
    expect(serialize(back.packet).equals(serialize(e.packet))).toBe(true);
  });

  it('writes the documented keys in order and leaves absent fields out', () => {
    const [e] = new Hj212Decoder().push(Buffer.from(VALID_VECTORS[2]!.frame, 'latin1'));
    if (!e?.ok) throw new Error('vector rejected');
    const o = JSON.parse(JSON.stringify(packetToJson(e.packet)));
    expect(Object.keys(o)).toEqual(['ok', 'st', 'cn', 'pw', 'mn', 'version', 'cp']);
    expect(o.version).toBe('2005');
  });

  it.each([
    ['not an object', [1], '对象'],
    ['a rejection line', { ok: false, error: 'crc_mismatch' }, '拒绝'],
    ['unknown key', { st: '22', cn: '2011', pw: '1', mn: 'M', cp: [], Flag: 4 }, 'Flag'],
    ['missing mn', { st: '22', cn: '2011', pw: '1', cp: [] }, 'mn'],
    ['flag not an integer', { st: '22', cn: '2011', pw: '1', mn: 'M', flag: 1.5, cp: [] }, 'flag'],
    ['bad cp pair', { st: '22', cn: '2011', pw: '1', mn: 'M', cp: [['a', 1]] }, 'cp'],
  ])('rejects %s', (_name, value, word) => {
    const r = packetFromJson(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).toContain(word);
  });
});
