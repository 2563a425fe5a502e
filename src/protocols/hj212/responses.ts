// Builders of the system-interaction responses 9011–9014 (HJ 212-2017 Table 9, §6.5,
// Appendix C; ST=91 per Table 5) and their return-code tables (Tables 6 and 7).
//
// Edition of a response: the builders answer in the request's edition unless told otherwise.
// - 2017: `QN=<request QN>;ST=91;CN=9014;PW=…;MN=…;Flag=4;CP=&&&&` — Flag carries only the version
//   bits (000001 → 4), A = 0 because a response is never answered (§6.1, Appendix C).
// - 2025: the same layout with version bits 000010 → Flag=8, as implementations answering 2025
//   devices do (UNVERIFIED: the HJ 212-2025 text was not read, docs/standards/hj212.md §1.4,
//   docs/standards/unverified.md §11).
// - 2005: HJ/T 212-2005 responses carry the request QN inside the CP area and no header QN:
//   `ST=91;CN=9011;PW=…;MN=…;Flag=0;CP=&&QN=…;QnRtn=1&&` (three independent implementations of
//   9011/9012/9013; 9014 follows the same pattern, UNVERIFIED). Flag=0 is sent only when the
//   request carried a Flag.

import { type Hj212Packet, type Hj212Version, needsAck, versionFlag } from './packet.ts';

/** Request return codes `QnRtn` of 9011 (HJ 212-2017 Table 7). */
export const QN_RTN = {
  ready: 1,
  rejected: 2,
  badPassword: 3,
  badMn: 4,
  badSt: 5,
  badFlag: 6,
  badQn: 7,
  badCn: 8,
  badCrc: 9,
  unknown: 100,
} as const;

/** A `QnRtn` value. */
export type QnRtnCode = (typeof QN_RTN)[keyof typeof QN_RTN];

/** Chinese meaning of each `QnRtn` value (HJ 212-2017 Table 7). */
export const QN_RTN_TEXT: Readonly<Record<QnRtnCode, string>> = {
  1: '准备执行请求',
  2: '请求被拒绝',
  3: 'PW 错误',
  4: 'MN 错误',
  5: 'ST 错误',
  6: 'Flag 错误',
  7: 'QN 错误',
  8: 'CN 错误',
  9: 'CRC 校验错误',
  100: '未知错误',
};

/** Execution return codes `ExeRtn` of 9012 (HJ 212-2017 Table 6). */
export const EXE_RTN = {
  success: 1,
  failed: 2,
  badCondition: 3,
  timeout: 4,
  busy: 5,
  systemFault: 6,
  noData: 100,
} as const;

/** An `ExeRtn` value. */
export type ExeRtnCode = (typeof EXE_RTN)[keyof typeof EXE_RTN];

/** Chinese meaning of each `ExeRtn` value (HJ 212-2017 Table 6). */
export const EXE_RTN_TEXT: Readonly<Record<ExeRtnCode, string>> = {
  1: '执行成功',
  2: '执行失败，原因不明',
  3: '命令请求条件错误',
  4: '通讯超时',
  5: '系统繁忙不能执行',
  6: '系统故障',
  100: '没有数据',
};

/** Response settings. */
export interface ResponseOptions {
  /** Edition to answer in; default the request's (a per-device override may differ). */
  readonly version?: Hj212Version;
}

/** The request fields a response echoes. */
export type ResponseRequest = Pick<Hj212Packet, 'qn' | 'pw' | 'mn' | 'flag' | 'version'>;

// Commands answered with the notification acknowledgement 9013 (HJ 212-2017 §6.5, Table 9):
// time-calibration request 1013, stop real-time data 2012, stop facility status 2022.
const NOTIFICATIONS: ReadonlySet<string> = new Set(['1013', '2012', '2022']);

/** 9011 request answer with `QnRtn` (HJ 212-2017 Table 9, Table 7), echoing the request QN. */
export function qnRtn(
  req: ResponseRequest,
  code: QnRtnCode,
  options?: ResponseOptions,
): Hj212Packet {
  return response(req, '9011', [['QnRtn', String(code)]], options);
}

/** 9012 execution result with `ExeRtn` (HJ 212-2017 Table 9, Table 6), echoing the request QN. */
export function exeRtn(
  req: ResponseRequest,
  code: ExeRtnCode,
  options?: ResponseOptions,
): Hj212Packet {
  return response(req, '9012', [['ExeRtn', String(code)]], options);
}

/** 9013 notification acknowledgement (HJ 212-2017 Table 9), echoing the notification's QN. */
export function notifyAck(req: ResponseRequest, options?: ResponseOptions): Hj212Packet {
  return response(req, '9013', [], options);
}

/** 9014 data acknowledgement `CP=&&&&` (HJ 212-2017 §6.5, Appendix C), echoing the upload's QN. */
export function dataAck(req: ResponseRequest, options?: ResponseOptions): Hj212Packet {
  return response(req, '9014', [], options);
}

/**
 * The acknowledgement a received packet asks for: none unless Flag bit A is set; 9013 for the
 * notifications 1013/2012/2022; none for 9xxx responses; 9014 for everything else (uploads).
 */
export function ackFor(p: Hj212Packet, options?: ResponseOptions): Hj212Packet | undefined {
  if (!needsAck(p) || p.cn.startsWith('9')) return undefined;
  return NOTIFICATIONS.has(p.cn) ? notifyAck(p, options) : dataAck(p, options);
}

function response(
  req: ResponseRequest,
  cn: string,
  cp: Array<[string, string]>,
  options: ResponseOptions = {},
): Hj212Packet {
  const version = options.version ?? req.version;
  const p: Hj212Packet = { st: '91', cn, pw: req.pw, mn: req.mn, version, cp };
  if (version === '2005') {
    if (req.qn !== undefined) cp.unshift(['QN', req.qn]);
    if (req.flag !== undefined) p.flag = 0;
  } else {
    if (req.qn !== undefined) p.qn = req.qn;
    p.flag = versionFlag(version);
  }
  return p;
}
