// The JSON shape of a packet used by the packet inspector (`hj212 parse` / `hj212 build`):
// {"ok":true,"qn","st","cn","pw","mn","flag","version","pnum","pno","cp":[[key,value],…]}
// Absent optional fields are left out of the JSON.

import type { Hj212Packet, Hj212PacketInput, Hj212Version } from './packet.ts';

/** A packet as one JSON object of the inspector's output. */
export interface PacketJson {
  ok: true;
  qn?: string;
  st: string;
  cn: string;
  pw: string;
  mn: string;
  flag?: number;
  version: Hj212Version;
  pnum?: number;
  pno?: number;
  cp: Array<[string, string]>;
}

/** Result of reading one JSON object as a packet; the detail is Chinese. */
export type PacketFromJsonResult =
  | { readonly ok: true; readonly packet: Hj212PacketInput }
  | { readonly ok: false; readonly detail: string };

const KNOWN_KEYS = new Set([
  'ok',
  'qn',
  'st',
  'cn',
  'pw',
  'mn',
  'flag',
  'version',
  'pnum',
  'pno',
  'cp',
]);

/** The inspector's JSON object for a packet, keys in Table 3 order. */
export function packetToJson(p: Hj212Packet): PacketJson {
  return {
    ok: true,
    qn: p.qn,
    st: p.st,
    cn: p.cn,
    pw: p.pw,
    mn: p.mn,
    flag: p.flag,
    version: p.version,
    pnum: p.pnum,
    pno: p.pno,
    cp: p.cp,
  };
}

/**
 * Reads a parsed JSON value in the inspector's shape as a packet to serialize. `version` is
 * informational and ignored: the Flag version bits carry the edition on the wire.
 */
export function packetFromJson(value: unknown): PacketFromJsonResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('每行必须是一个 JSON 对象');
  }
  const o = value as Record<string, unknown>;
  if (o.ok === false) return fail('这一行是被拒绝报文的记录（"ok":false），不能生成报文');
  for (const key of Object.keys(o)) {
    if (!KNOWN_KEYS.has(key)) return fail(`未知字段 "${key}"`);
  }
  for (const key of ['st', 'cn', 'pw', 'mn'] as const) {
    if (typeof o[key] !== 'string') return fail(`字段 ${key} 必须是字符串`);
  }
  if (o.qn !== undefined && typeof o.qn !== 'string') return fail('字段 qn 必须是字符串');
  for (const key of ['flag', 'pnum', 'pno'] as const) {
    const v = o[key];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0)) {
      return fail(`字段 ${key} 必须是非负整数`);
    }
  }
  if (!Array.isArray(o.cp)) return fail('字段 cp 必须是 [名称, 值] 数组的数组');
  const cp: Array<[string, string]> = [];
  for (const pair of o.cp as unknown[]) {
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      typeof pair[0] !== 'string' ||
      typeof pair[1] !== 'string'
    ) {
      return fail(`cp 中的 ${JSON.stringify(pair)} 不是 [名称, 值] 形式的字符串对`);
    }
    cp.push([pair[0], pair[1]]);
  }
  const packet: Hj212PacketInput = {
    st: o.st as string,
    cn: o.cn as string,
    pw: o.pw as string,
    mn: o.mn as string,
    cp,
  };
  if (o.qn !== undefined) packet.qn = o.qn as string;
  if (o.flag !== undefined) packet.flag = o.flag as number;
  if (o.pnum !== undefined) packet.pnum = o.pnum as number;
  if (o.pno !== undefined) packet.pno = o.pno as number;
  return { ok: true, packet };
}

function fail(detail: string): PacketFromJsonResult {
  return { ok: false, detail };
}
