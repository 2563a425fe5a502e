/** zod shapes of the ingest API's answers (they validate, serialize and document /docs). */
import { z } from 'zod';

const n = z.number().nullable();
const reason = z.string().describe('拒绝原因，如 crc_mismatch、unknown_device');

/** One stored value. */
export const DeviceValueOut = z.object({
  cn: z.string(),
  code: z.string(),
  dataTime: z.number().describe('UTC 毫秒；2051/2061/2031 为时段开始，2011 为采样时刻'),
  rtd: z.number().nullable(),
  avg: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  zsRtd: z.number().nullable(),
  zsAvg: z.number().nullable(),
  zsMin: z.number().nullable(),
  zsMax: z.number().nullable(),
  cou: z.number().nullable(),
  flag: z.string().nullable(),
  eflag: z.string().nullable(),
  extra: z.record(z.string(), z.string()).nullable(),
  invalid: z
    .array(
      z.object({
        field: z.string().describe('后缀，如 Avg、Rtd'),
        text: z.string().describe('收到的原文'),
        reason: z.enum(['blank', 'not_decimal', 'below_min', 'above_max']),
        detail: z.string(),
      }),
    )
    .describe('无效的值（空值、非十进制数、超出合理范围）：原文保存，不计入读数、AQI 与统计'),
  receivedAt: z.number(),
});

/** One recent packet. */
export const RecentPacketOut = z.object({
  at: z.number(),
  peer: z.string(),
  cn: z.string(),
  qn: z.string().nullable(),
  dataTime: z.string().nullable(),
  status: z.string().describe('ok 或拒绝原因'),
  values: z.number(),
});

/** A device's recent packets (from the running listener) and stored values. */
export const DeviceRecentOut = z.object({
  mn: z.string(),
  ingestRunning: z.boolean(),
  packets: z.array(RecentPacketOut),
  values: z.array(DeviceValueOut),
});

/** One registered device in the live status. */
export const DeviceStatusOut = z.object({
  mn: z.string(),
  name: z.string().nullable(),
  kind: z.string(),
  target: z.string(),
  connected: z.boolean(),
  peer: z.string().nullable(),
  lastPacketAt: n,
  lastCn: z.string().nullable(),
  packets: z.number(),
  rejected: z.number(),
  intervalS: z.number(),
  silent: z.boolean().describe('超过上报间隔 2 倍未上报'),
  silentForS: n,
  clockSkewS: n.describe('现场机时钟减到达时间（秒）：正数为时钟超前'),
  problems: z
    .array(z.string())
    .describe(
      '需处理的问题：silent（沉默）、clock_skew（时钟偏差超过 LANTIAN_HJ212_CLOCK_SKEW_S）',
    ),
});

/** One open TCP connection. */
export const ConnectionStatusOut = z.object({
  id: z.number(),
  peer: z.string(),
  mn: z.string().nullable(),
  openedAt: z.number(),
  packets: z.number(),
  rejected: z.number(),
  paused: z.boolean(),
  authenticated: z.boolean().describe('已发送登记设备（MN 与密码正确）的报文'),
});

/** Counts of one minute. */
export const MinuteCountsOut = z.object({
  minute: z.number().describe('分钟开始时刻（UTC 毫秒）'),
  packets: z.number(),
  values: z.number(),
  acks: z.number(),
  rejected: z.partialRecord(z.string(), z.number()).describe('按拒绝原因计数'),
});

/** GET /api/ingest/status: the listener's live status. */
export const IngestStatusOut = z.object({
  running: z.boolean(),
  host: z.string(),
  port: z.number(),
  startedAt: z.number(),
  now: z.number(),
  unknownDevice: z.enum(['reject', 'quarantine']).describe('未登记设备的报文：拒绝或隔离'),
  connections: z.object({
    open: z.number(),
    max: z.number(),
    unauthenticated: z.number().describe('尚未发送登记设备报文的连接（可被驱逐）'),
    maxPendingPerAddress: z.number().describe('同一地址未认证连接上限'),
    authTimeoutMs: z.number().describe('连接须在此时间内发送登记设备的报文'),
    paused: z.number(),
    refused: z.number().describe('连接数已满且均已认证时拒绝的连接'),
    evictedPerAddress: z.number().describe('同一地址未认证连接超限而关闭的最早连接'),
    evictedTotal: z.number().describe('总连接数已满时关闭的最早未认证连接'),
    authTimeouts: z.number().describe('认证超时关闭的连接'),
    list: z.array(ConnectionStatusOut),
  }),
  queue: z.object({
    depth: z.number(),
    inFlight: z.number(),
    highWater: z.number(),
    lowWater: z.number(),
    underPressure: z.boolean(),
    batches: z.number(),
    lastBatchPackets: z.number(),
    lastCommitMs: n,
    meanCommitMs: n,
    failures: z.number(),
    lastError: z.string().nullable(),
  }),
  totals: z.object({
    since: z.number().describe('开始计数的时刻（累计值在重启后保留）'),
    packets: z.number(),
    values: z.number(),
    acks: z.number(),
    acksDropped: z.number(),
    rejected: z.number(),
    quarantined: z.number(),
    rejectedBy: z.record(z.string(), z.number()),
    splitComplete: z.number().describe('拆分报文：各包齐全'),
    splitIncomplete: z.number().describe('拆分报文：缺包（已到的包均已保存）'),
  }),
  ackLatencyMs: z.object({ samples: z.number(), p50: n, p99: n, max: n }),
  perMinute: z.array(MinuteCountsOut),
  archive: z.object({
    enabled: z.boolean(),
    dir: z.string().nullable(),
    lines: z.number(),
    bytes: z.number(),
    dropped: z.number(),
    errors: z.number(),
    diskBytes: z.number().describe('原始报文存档目录的大小（字节）'),
    maxBytes: z.number().describe('存档总大小上限（0 表示不限），超出时删除最早的日目录'),
    rejectedBytesPerHour: z.number().describe('每小时被拒报文存档字节上限'),
    sampledOut: z.number().describe('按地址抽样未存档的被拒报文'),
    droppedByCap: z.number().describe('因每小时上限或总大小上限未存档的被拒报文'),
    daysDeletedByCap: z.number().describe('因总大小上限删除的日目录'),
  }),
  quarantine: z.object({
    rows: z.number().describe('隔离区现有行数（上次清理时）'),
    maxRows: z.number(),
    retentionDays: z.number(),
    sampledOut: z.number().describe('因每连接、每地址上限未隔离的报文'),
    pruned: z.number().describe('因行数上限或保留期删除的行'),
  }),
  refusalLog: z.object({
    intervalMs: z.number().describe('拒绝按此间隔汇总记一行日志'),
    lines: z.number(),
  }),
  rollup: z.object({ stationDaysWritten: z.number(), failures: z.number() }),
  devices: z.object({
    registered: z.number(),
    connected: z.number(),
    silent: z.number(),
    list: z.array(DeviceStatusOut),
  }),
});

/** A rejected frame or packet. */
export const RejectionOut = z.object({
  at: z.number(),
  peer: z.string(),
  mn: z.string().nullable(),
  reason,
  detail: z.string(),
  raw: z.string().describe('报文字节（已转义，最多 600 个字符）'),
});

/** A quarantined packet (unknown device or wrong password). */
export const QuarantinedOut = z.object({
  id: z.number(),
  receivedAt: z.number(),
  peer: z.string(),
  mn: z.string().nullable(),
  reason,
  st: z.string().nullable(),
  cn: z.string().nullable(),
  raw: z.string(),
});

/** What a quarantine replay stored and refused. */
export const QuarantineReplayOut = z.object({
  mn: z.string(),
  packets: z.number(),
  stored: z.number(),
  values: z.number(),
  refused: z.record(z.string(), z.number()),
});
