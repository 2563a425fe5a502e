// Parser of the HJ 212 data segment `QN;ST;CN;PW;MN;Flag;[PNUM;PNO;]CP=&&…&&`
// (HJ 212-2017 §6.3.2 Table 3) for HJ/T 212-2005, HJ 212-2017 and HJ 212-2025 packets.
//
// Header fields are matched by name, not position: HJ/T 212-2005 devices omit QN and Flag and
// put PNUM/PNO before Flag or without it (docs/standards/hj212.md §1.8), and some vendors move
// Flag. Each field may appear once; unknown header fields are rejected so that garbage is not
// accepted.

import { parseCpArea } from './cp.ts';
import {
  DEFAULT_MN_LENGTH,
  DEFAULT_PW_MAX,
  isMnText,
  isPasswordText,
  type MnLength,
} from './id-limits.ts';
import { FLAG_SPLIT, type Hj212Packet, type Hj212Version, versionFromFlag } from './packet.ts';

/** Per-device parsing settings. */
export interface SegmentOptions {
  /** Edition override, fixed or by MN (undefined from the function = use the Flag bits). */
  readonly version?: Hj212Version | ((mn: string) => Hj212Version | undefined);
  /** Accepted MN length; default 1–64 (id-limits.ts). */
  readonly mnLength?: MnLength;
  /** Longest PW accepted; default 64 (id-limits.ts). */
  readonly pwMax?: number;
}

/** A parsed packet, or a `bad_field` rejection whose Chinese detail names the field. */
export type SegmentParseResult =
  | { readonly ok: true; readonly packet: Hj212Packet }
  | { readonly ok: false; readonly reason: 'bad_field'; readonly detail: string };

/** Parses a data segment (the text between the length digits and the CRC) into a packet. */
export function parseSegment(text: string, options: SegmentOptions = {}): SegmentParseResult {
  // Header values cannot contain ';', so the first ";CP=&&" is the real start of the CP area.
  let cpAt = 0;
  if (!text.startsWith('CP=&&')) {
    cpAt = text.indexOf(';CP=&&') + 1;
    if (cpAt === 0) return bad('缺少 CP=&&…&& 数据区（HJ 212-2017 表 3）');
  }
  if (text.length < cpAt + 7 || !text.endsWith('&&')) {
    return bad('CP 数据区必须以 && 结束，且是数据段的最后一个字段（HJ 212-2017 表 3）');
  }
  let qn: string | undefined;
  let st: string | undefined;
  let cn: string | undefined;
  let pw: string | undefined;
  let mn: string | undefined;
  let flagText: string | undefined;
  let pnumText: string | undefined;
  let pnoText: string | undefined;
  const headerEnd = cpAt > 0 ? cpAt - 1 : 0;
  let i = 0;
  while (i < headerEnd) {
    let j = text.indexOf(';', i);
    if (j < 0 || j > headerEnd) j = headerEnd;
    const eq = text.indexOf('=', i);
    if (eq < 0 || eq >= j) return bad(`字段 "${text.slice(i, j)}" 不是 名称=值 的形式`);
    const name = text.slice(i, eq);
    const value = text.slice(eq + 1, j);
    let seen: string | undefined;
    switch (name) {
      case 'QN':
        seen = qn;
        qn = value;
        break;
      case 'ST':
        seen = st;
        st = value;
        break;
      case 'CN':
        seen = cn;
        cn = value;
        break;
      case 'PW':
        seen = pw;
        pw = value;
        break;
      case 'MN':
        seen = mn;
        mn = value;
        break;
      case 'Flag':
        seen = flagText;
        flagText = value;
        break;
      case 'PNUM':
        seen = pnumText;
        pnumText = value;
        break;
      case 'PNO':
        seen = pnoText;
        pnoText = value;
        break;
      default:
        return bad(`未知字段 "${name}"（HJ 212-2017 表 3 只有 QN ST CN PW MN Flag PNUM PNO CP）`);
    }
    if (seen !== undefined) return bad(`字段 ${name} 重复出现`);
    i = j + 1;
  }

  // HJ 212-2017 Table 3 field formats, validated leniently where real devices deviate.
  if (qn !== undefined && !isDigits(qn, 1, 20)) {
    return bad(`QN 必须是不超过 20 位的数字（YYYYMMDDhhmmsszzz），收到 "${qn}"`);
  }
  if (st === undefined) return bad('缺少字段 ST（系统编码）');
  if (!isSystemCode(st)) return bad(`ST 必须是 2 位系统编码（HJ 212-2017 表 5），收到 "${st}"`);
  if (cn === undefined) return bad('缺少字段 CN（命令编码）');
  if (!isDigits(cn, 4, 4))
    return bad(`CN 必须是 4 位数字命令编码（HJ 212-2017 表 9），收到 "${cn}"`);
  if (pw === undefined) return bad('缺少字段 PW（访问密码）');
  const pwMax = options.pwMax ?? DEFAULT_PW_MAX;
  if (!isPasswordText(pw, pwMax)) {
    return bad(`PW 必须是不超过 ${pwMax} 个可打印字符的密码，收到 "${pw}"`);
  }
  if (mn === undefined) return bad('缺少字段 MN（设备唯一标识）');
  const mnLength = options.mnLength ?? DEFAULT_MN_LENGTH;
  if (!isMnText(mn, mnLength)) {
    return bad(
      `MN 必须是 ${mnLength.min}–${mnLength.max} 位字母、数字、- 或 _（HJ 212-2017 表 3），收到 "${mn}"`,
    );
  }
  let flag: number | undefined;
  if (flagText !== undefined) {
    flag = isDigits(flagText, 1, 3) ? Number(flagText) : 256;
    if (flag > 255) return bad(`Flag 必须是 0–255 的整数（HJ 212-2017 表 3），收到 "${flagText}"`);
  }
  let pnum: number | undefined;
  let pno: number | undefined;
  if (pnumText !== undefined || pnoText !== undefined) {
    if (pnumText === undefined || pnoText === undefined) return bad('PNUM 与 PNO 必须同时出现');
    pnum = isDigits(pnumText, 1, 4) ? Number(pnumText) : 0;
    pno = isDigits(pnoText, 1, 4) ? Number(pnoText) : 0;
    if (pnum < 1) return bad(`PNUM 必须是 1–9999 的整数，收到 "${pnumText}"`);
    if (pno < 1 || pno > pnum) return bad(`PNO 必须在 1 与 PNUM=${pnum} 之间，收到 "${pnoText}"`);
  } else if (flag !== undefined && (flag & FLAG_SPLIT) !== 0) {
    return bad(`Flag=${flag} 标明分包（D 位），但缺少 PNUM/PNO`);
  }
  const override = typeof options.version === 'function' ? options.version(mn) : options.version;
  const version = override ?? versionFromFlag(flag);
  if (version === undefined) {
    return bad(`Flag=${flag} 的版本位 ${flag! >>> 2} 未知（0=2005，1=2017，2=2025）`);
  }

  const cpResult = parseCpArea(text, cpAt + 5, text.length - 2);
  if (!cpResult.ok) return bad(cpResult.detail);

  // Always the same keys in the same order (absent = undefined): one object shape for V8.
  const packet: Hj212Packet = { qn, st, cn, pw, mn, flag, version, pnum, pno, cp: cpResult.cp };
  return { ok: true, packet };
}

function bad(detail: string): SegmentParseResult {
  return { ok: false, reason: 'bad_field', detail };
}

function isDigits(s: string, min: number, max: number): boolean {
  if (s.length < min || s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

// Table 5: 10–99 numeric, A0–Z9 extension codes.
function isSystemCode(s: string): boolean {
  if (s.length !== 2) return false;
  for (let i = 0; i < 2; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) return false;
  }
  return true;
}
