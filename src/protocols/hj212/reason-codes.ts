// Stable reasons for rejecting an HJ 212 frame or packet. These strings are an interface: they
// appear in logs, in the raw archive, in the packet inspector's JSON and in rejection counters,
// so never rename one; add new ones instead.

/** Why a frame, packet or split message was rejected (stable, machine-readable). */
export type RejectReason =
  | 'bad_header'
  | 'bad_length'
  | 'bad_trailer'
  | 'crc_mismatch'
  | 'bad_field'
  | 'truncated'
  | 'unknown_device'
  | 'bad_password'
  | 'too_long'
  | 'split_timeout'
  | 'split_evicted';

/** Chinese description of each reject reason, for installers reading the inspector or the logs. */
export const REJECT_REASONS: Readonly<Record<RejectReason, string>> = {
  // HJ 212-2017 §6.3.1 Table 2: a frame starts with "##" and 4 decimal length digits.
  bad_header: '包头错误：找不到 "##" 加 4 位十进制长度，这些字节不是 HJ 212 报文，已跳过',
  // Table 2: the length counts the bytes of the data segment, 0–1024 by default.
  bad_length: '长度错误：数据段长度字段超过上限，或与实际数据段字节数不一致',
  // Table 2: 4 hex CRC digits then <CR><LF>.
  bad_trailer: '包尾错误：CRC 不是 4 位十六进制数字，或其后没有回车换行',
  // Appendix A: on a CRC error the receiver stops processing the packet.
  crc_mismatch: 'CRC 校验不符：请核对设备的 CRC 算法（标准 / Modbus / 字节序颠倒的 Modbus）',
  // §6.3.2 Table 3 and §6.3.3 Table 4: field names, order and formats.
  bad_field: '字段错误：数据段缺少字段、字段重复或字段格式不符合 HJ 212',
  truncated: '报文不完整：连接结束或数据流中断时报文尚未收齐',
  unknown_device: '未登记的设备：MN 不在设备登记表中',
  bad_password: '访问密码错误：PW 与设备登记的密码不一致',
  too_long: '分包过多：PNUM 超过允许的分包数上限',
  // HJ 212-2017 Tables C.49/C.50: split packets are reassembled by (MN, CN, DataTime).
  split_timeout: '分包超时：在规定时间内未收齐全部分包，已丢弃已收到的部分',
  split_evicted: '分包被淘汰：待拼接的分包过多，最早的一组已被丢弃',
};
