// Stable reasons for rejecting a GB 17691 / HJ 1239 frame, and stable codes of the warnings a
// decoded frame may carry. These strings are an interface: they appear in logs, in the raw
// archive, in the quarantine, in `lantian gb17691 parse` output and in rejection counters, so
// never rename one; add new ones instead.

/** Why a frame or a run of bytes was rejected (stable, machine-readable). */
export type RejectReason =
  | 'bad_header'
  | 'bad_length'
  | 'bcc_mismatch'
  | 'truncated'
  | 'unknown_command'
  | 'bad_vin'
  | 'encrypted_no_key'
  | 'bad_data_unit'
  | 'truncated_block'
  | 'bad_signature'
  | 'bad_hex';

/** Chinese description of each reject reason, for installers reading the inspector or the logs. */
export const REJECT_REASONS: Readonly<Record<RejectReason, string>> = {
  // GB 17691-2018 Annex Q frame: "##" (or the platform "~~"), command, VIN(17), software
  // version, encryption, length WORD, data unit, BCC (docs/trucks.md "Frame").
  bad_header:
    '包头错误：找不到 "##"（或 "~~"）加 17 位 VIN 的帧头，这些字节不是车载终端报文，已跳过',
  bad_length: '长度错误：数据单元长度超过上限，或与实际数据单元字节数不一致',
  // The BCC is the XOR of every byte from the command unit to the last data byte.
  bcc_mismatch: 'BCC 校验不符：命令单元至数据单元末尾的异或值与校验码不一致',
  truncated: '报文不完整：连接结束或数据流中断时报文尚未收齐',
  unknown_command: '未知命令：命令单元不是 GB 17691 / HJ 1239 定义的上行命令',
  // GB 16735: 17 characters of 0-9 and A-Z without I, O and Q.
  bad_vin: 'VIN 错误：车辆识别代号不是 17 位合法字符（GB 16735），或校验位不符',
  encrypted_no_key: '数据已加密：未配置该车辆的解密密钥，无法解析数据单元',
  bad_data_unit: '数据单元错误：数据单元的长度或结构不符合该命令的格式',
  truncated_block: '信息体不完整：数据单元在某个信息体中间结束',
  // HJ 1239 terminals sign with the security chip (SM2 with SM3); checked only with a key.
  bad_signature: '签名验证失败：按已配置的公钥验证 SM2 签名未通过',
  bad_hex: '输入不是十六进制：每行应为一帧报文的十六进制文本',
};

/** Something odd in a frame that was decoded anyway (stable, machine-readable). */
export type WarningCode =
  | 'vin_check_digit'
  | 'bad_time'
  | 'layout_ambiguous'
  | 'unknown_block'
  | 'obd_vin_mismatch'
  | 'unusual_encryption';

/** Chinese description of each warning code. */
export const WARNINGS: Readonly<Record<WarningCode, string>> = {
  vin_check_digit: 'VIN 第 9 位校验位与按 GB 16735 计算的结果不符',
  bad_time: '时间字段不是有效的日期时间，已按无效（null）处理',
  layout_ambiguous: '数据单元可按多种布局解析，已按默认顺序选择，请为该车辆配置布局',
  unknown_block: '含未知类型的信息体，已原样保留其字节',
  obd_vin_mismatch: 'OBD 信息中的 VIN 与报文头的 VIN 不一致',
  unusual_encryption: '加密方式不是 0x01（不加密），已按未加密数据解析',
};

/** A warning attached to a decoded message. */
export interface Gb17691Warning {
  readonly code: WarningCode;
  readonly detail: string;
}
