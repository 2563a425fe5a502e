// The JSON form of messages used by `lantian gb17691 parse` / `gb17691 build`:
//   {"ok":true,"command":2,"vin":"…","softwareVersion":1,"encryption":1,"layout":"hj1239",
//    "sendTime":"2024-05-01T08:30:00+08:00","serial":1,"blocks":[{"type":2,"time":"…",…}]}
// "~~" frames add "start":"~~" and "replyFlag" (and have no softwareVersion); "warnings" appears
// only when there are some. `build` also reads "data" (hex data unit, for any command, replacing
// the decoded fields), "length" (a lying length WORD) and "bcc" (a wrong BCC).

import { BODY_SPECS } from './body-specs.ts';
import { INFO_TYPE } from './blocks.ts';
import { COMMAND } from './commands.ts';
import type { FrameStart } from './frame-event.ts';
import { bytesFromHex } from './hex.ts';
import { LAYOUTS } from './layout.ts';
import type { Gb17691Message } from './message.ts';
import {
  encodeFrame,
  encodeMessage,
  type FrameOverrides,
  type Gb17691MessageInput,
} from './serializer.ts';

/** One decoded message as a plain JSON object (key order: header, data unit, warnings). */
export function messageToJson(m: Gb17691Message): Record<string, unknown> {
  const {
    kind: _kind,
    warnings,
    start,
    replyFlag,
    softwareVersion,
    command,
    vin,
    encryption,
    ...body
  } = m;
  const out: Record<string, unknown> = { ok: true };
  if (start === '~~') {
    out.start = start;
    out.command = command;
    out.replyFlag = replyFlag;
    out.vin = vin;
  } else {
    out.command = command;
    out.vin = vin;
    out.softwareVersion = softwareVersion;
  }
  out.encryption = encryption;
  for (const [k, v] of Object.entries(body)) {
    if (!(k === 'signature' && v === null)) out[k] = v;
  }
  if (warnings.length > 0) out.warnings = warnings;
  return out;
}

/** Result of building a frame from one JSON value; the detail is Chinese. */
export type BuildFromJsonResult =
  { readonly ok: true; readonly frame: Buffer } | { readonly ok: false; readonly detail: string };

const HEADER_KEYS = [
  'ok',
  'start',
  'command',
  'vin',
  'softwareVersion',
  'replyFlag',
  'encryption',
  'warnings',
  'data',
  'length',
  'bcc',
];
const BODY_KEYS: Readonly<Record<Gb17691Message['kind'], readonly string[]>> = {
  login: ['time', 'serial', 'iccid'],
  realtime: ['layout', 'sendTime', 'serial', 'blocks', 'signature'],
  reissue: ['layout', 'sendTime', 'serial', 'blocks', 'signature'],
  logout: ['time', 'serial'],
  'time-calibration': ['time'],
  'anti-tamper': ['time', 'serial', 'fixValid', 'lon', 'lat', 'positionStatus'],
  activation: ['time', 'chipId', 'publicKey', 'activationVin', 'signature'],
  'activation-reply': ['status', 'info', 'result'],
  platform: [],
};
const REQUIRED_KEYS: Readonly<Record<Gb17691Message['kind'], readonly string[]>> = {
  login: ['time', 'serial', 'iccid'],
  realtime: ['sendTime', 'blocks'],
  reissue: ['sendTime', 'blocks'],
  logout: ['time', 'serial'],
  'time-calibration': [],
  'anti-tamper': ['time', 'serial', 'fixValid', 'lon', 'lat'],
  activation: ['time', 'chipId', 'publicKey', 'activationVin'],
  'activation-reply': ['status', 'info'],
  platform: [],
};
const OBD_KEYS = [
  'protocol',
  'mil',
  'diagnosticSupport',
  'diagnosticReadiness',
  'vin',
  'calibrationId',
  'cvn',
  'iupr',
  'dtcCount',
  'dtcs',
];
const POSITION_KEYS = ['fixValid', 'lon', 'lat', 'positionStatus'];

/** The message kind a command stands for, or undefined for an unknown command. */
export function kindOf(
  command: number,
  start: FrameStart = '##',
): Gb17691Message['kind'] | undefined {
  if (start === '~~' && command >= 0x07 && command <= 0x09) return 'platform';
  if (start === '~~' && command > 0x06) return undefined;
  switch (command) {
    case COMMAND.login:
      return 'login';
    case COMMAND.realtime:
      return 'realtime';
    case COMMAND.reissue:
      return 'reissue';
    case COMMAND.logout:
      return 'logout';
    case COMMAND.timeCalibration:
      return 'time-calibration';
    case COMMAND.antiTamper:
      return 'anti-tamper';
    case COMMAND.activation:
      return 'activation';
    case COMMAND.activationReply:
      return 'activation-reply';
    default:
      return undefined;
  }
}

/** Builds a frame from a JSON value in the parse output's shape. Never throws. */
export function buildFromJson(value: unknown): BuildFromJsonResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, detail: '每行必须是一个 JSON 对象' };
  }
  const o: Record<string, unknown> = { ...value };
  if (o.ok === false)
    return { ok: false, detail: '这一行是被拒绝报文的记录（"ok":false），不能生成报文' };
  try {
    const start = o.start ?? '##';
    if (start !== '##' && start !== '~~') return fail('start 只能是 "##" 或 "~~"');
    if (!isInt(o.command)) return fail('字段 command 必须是 0–255 的整数');
    if (typeof o.vin !== 'string') return fail('字段 vin 必须是字符串');
    const overrides: FrameOverrides = {
      ...(o.length !== undefined ? { length: intField(o, 'length') } : {}),
      ...(o.bcc !== undefined ? { bcc: intField(o, 'bcc') } : {}),
    };
    const header = {
      start: start as FrameStart,
      command: o.command,
      vin: o.vin,
      softwareVersion: o.softwareVersion === undefined ? 1 : intField(o, 'softwareVersion'),
      replyFlag: o.replyFlag === undefined ? 0xfe : intField(o, 'replyFlag'),
      encryption: o.encryption === undefined ? 1 : intField(o, 'encryption'),
    };
    const kind = kindOf(o.command, header.start);
    if (o.data !== undefined) {
      const data = typeof o.data === 'string' ? bytesFromHex(o.data) : null;
      if (data === null) return fail('字段 data 必须是十六进制字符串（数据单元）');
      return { ok: true, frame: encodeFrame(header, data, overrides) };
    }
    if (kind === undefined) {
      return fail(
        `命令 0x${o.command.toString(16).toUpperCase()} 没有已知的数据单元格式，请用 data 字段给出十六进制数据单元`,
      );
    }
    const unknownKey = Object.keys(o).find(
      (k) => !HEADER_KEYS.includes(k) && !BODY_KEYS[kind].includes(k),
    );
    if (unknownKey !== undefined) return fail(`未知字段 "${unknownKey}"`);
    const missing = REQUIRED_KEYS[kind].find((k) => o[k] === undefined);
    if (missing !== undefined) return fail(`缺少字段 ${missing}`);
    if (kind === 'realtime' || kind === 'reissue') {
      const problem = checkRealtime(o);
      if (problem !== undefined) return fail(problem);
    }
    if (o.signature === undefined && kind === 'activation') o.signature = null;
    if (kind === 'platform') return fail('企业平台命令请用 data 字段给出十六进制数据单元');
    const message = { ...o, ...header, kind } as unknown as Gb17691MessageInput;
    return { ok: true, frame: encodeMessage(message, overrides) };
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) return fail(e.message);
    throw e;
  }
}

function checkRealtime(o: Record<string, unknown>): string | undefined {
  if (o.layout === undefined) o.layout = 'hj1239';
  if (!LAYOUTS.includes(o.layout as never)) return `layout 只能是 ${LAYOUTS.join('、')}`;
  if (o.serial === undefined) o.serial = null;
  if (o.signature === undefined) o.signature = null;
  if (!Array.isArray(o.blocks)) return '字段 blocks 必须是信息体数组';
  const blocks = (o.blocks as unknown[]).map((b) =>
    typeof b === 'object' && b !== null && !Array.isArray(b) ? { ...b } : b,
  );
  o.blocks = blocks;
  for (const [i, b] of blocks.entries()) {
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return `blocks[${i}] 必须是对象`;
    const block = b as Record<string, unknown>;
    if (!isInt(block.type)) return `blocks[${i}].type 必须是 0–255 的整数`;
    if (block.time === undefined) block.time = o.layout === 'hj1239' ? undefined : o.sendTime;
    if (block.time === undefined)
      return `blocks[${i}] 缺少字段 time（hj1239 布局每个信息体有自己的采集时间）`;
    if (block.serial === undefined) block.serial = null;
    const allowed = blockKeys(block.type);
    const extra = Object.keys(block).find((k) => !allowed.includes(k));
    if (extra !== undefined) return `blocks[${i}] 的未知字段 "${extra}"`;
  }
  return undefined;
}

function blockKeys(type: number): string[] {
  const base = ['type', 'time', 'serial'];
  if (type === INFO_TYPE.obd) return [...base, ...OBD_KEYS];
  const spec = BODY_SPECS.get(type);
  if (spec === undefined) return [...base, 'data'];
  return [...base, ...spec.items.flatMap((i) => (i.key === 'position' ? POSITION_KEYS : [i.key]))];
}

function isInt(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xff;
}

function intField(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (!Number.isInteger(v) || (v as number) < 0) throw new RangeError(`字段 ${key} 必须是非负整数`);
  return v as number;
}

function fail(detail: string): BuildFromJsonResult {
  return { ok: false, detail };
}
