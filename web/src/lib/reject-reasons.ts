/**
 * Why HJ 212 packets were rejected, for people: a short label per stable reason code, and the
 * codec's own description (src/protocols/hj212/reason-codes.ts) as the long text.
 */
import { REJECT_REASONS } from '../../../src/protocols/hj212/reason-codes.ts';

const SHORT: Readonly<Record<string, string>> = {
  bad_header: '包头错误',
  bad_length: '长度错误',
  bad_trailer: '包尾错误',
  crc_mismatch: 'CRC 校验不符',
  bad_field: '字段错误',
  truncated: '报文不完整',
  unknown_device: '未登记设备',
  bad_password: '密码错误',
  too_long: '分包过多',
  split_timeout: '分包超时',
  split_evicted: '分包被淘汰',
  rate_limited: '超过速率上限',
  bad_data_time: '数据时间错误',
};

const LONG: Readonly<Record<string, string>> = {
  ...REJECT_REASONS,
  rate_limited: '超过单台设备的报文速率上限，报文未入库、未应答',
  bad_data_time: '数据时间 DataTime 缺失、格式错误或超出允许范围（HJ 212-2017 表 4）',
};

/** Short Chinese label of a reason code (the code itself when unknown). */
export function reasonLabel(code: string): string {
  return SHORT[code] ?? code;
}

/** Long Chinese description of a reason code. */
export function reasonText(code: string): string {
  return LONG[code] ?? code;
}

/** HJ 212-2017 Table 9 command names of the uploads a device sends. */
export const CN_NAMES: Readonly<Record<string, string>> = {
  '2011': '实时数据',
  '2051': '分钟数据',
  '2061': '小时数据',
  '2031': '日数据',
  '2041': '设备运行时间',
  '3020': '现场端信息',
  '9014': '数据应答',
};
