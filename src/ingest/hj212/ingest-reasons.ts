/**
 * Reasons the ingest server rejects a frame or packet: the codec's stable reasons
 * (protocols/hj212/reason-codes.ts) plus those only a server can give. Stable strings: they
 * appear in logs, in the raw archive, in counters and in the API.
 */
import { REJECT_REASONS, type RejectReason } from '../../protocols/hj212/index.ts';

/** Reasons only the server gives. */
export type ServerRejectReason = 'rate_limited' | 'bad_data_time';

/** Any reason a frame or packet was rejected by ingest. */
export type IngestRejectReason = RejectReason | ServerRejectReason;

/** Chinese description of every ingest reject reason. */
export const INGEST_REJECT_REASONS: Readonly<Record<IngestRejectReason, string>> = {
  ...REJECT_REASONS,
  rate_limited: '超过单台设备的报文速率上限，报文未入库、未应答（设备会按 OverTime/ReCount 重发）',
  // HJ 212-2017 Table 4: DataTime YYYYMMDDhhmmss, required for uploads.
  bad_data_time: '数据时间 DataTime 缺失、格式错误或超出允许范围（HJ 212-2017 表 4）',
};
