/** zod schemas of the device registry API. */
import { z } from 'zod';

const AliasSpec = z
  .record(z.string(), z.unknown())
  .describe('别名规则：{"pollutant"|"code": 目标, "unit"|"factor": 单位换算}');

/** Fields of a registration; domain checks (stable codes) happen in device-rules.ts. */
export const DeviceFields = z.object({
  kind: z.string().describe('station（空气站，ST=22）或 outlet（排放口，ST=31/27/39）'),
  target: z.string().describe('站点编码（station）或排放口编码（outlet，不存在时自动新建）'),
  password: z.string().describe('访问密码 PW'),
  edition: z.string().default('auto').describe('2005 | 2017 | 2025 | auto（按 Flag 版本位）'),
  crc: z.string().default('standard').describe('standard | modbus | modbus-le'),
  intervalS: z.number().describe('预期上报间隔（秒）；超过 2 倍未上报即视为“沉默”'),
  name: z.string().nullable().optional(),
  aliases: z.record(z.string(), AliasSpec).optional().describe('收到的污染物代码 → 别名规则'),
  lineEnd: z
    .string()
    .optional()
    .describe('any（默认：长度与 CRC 完整即为一帧）| crlf（必须以回车换行结束，HJ 212-2017 表 2）'),
  clockSync: z
    .string()
    .optional()
    .describe('off（默认）| auto：时钟偏差超过阈值时自动下发 1012 设置现场机时间'),
  backfill: z.string().optional().describe('auto（默认：缺失小时自动下发 2061 补数）| off'),
});

/** Body of POST /api/devices. */
export const DeviceCreateBody = DeviceFields.extend({ mn: z.string().describe('设备唯一标识 MN') });

/** Body of PATCH /api/devices/:mn. */
export const DevicePatchBody = z.object({
  kind: z.string().optional(),
  target: z.string().optional(),
  password: z.string().optional(),
  edition: z.string().optional(),
  crc: z.string().optional(),
  intervalS: z.number().optional(),
  name: z.string().nullable().optional(),
  aliases: z.record(z.string(), AliasSpec).optional(),
  lineEnd: z.string().optional(),
  clockSync: z.string().optional(),
  backfill: z.string().optional(),
});

/** A device as the API shows it (never its password). */
export const DeviceOut = z.object({
  mn: z.string(),
  name: z.string().nullable(),
  kind: z.string(),
  target: z.string(),
  edition: z.string(),
  crc: z.string(),
  intervalS: z.number(),
  aliases: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastPacketAt: z.number().nullable(),
  lastCn: z.string().nullable(),
  packets: z.number(),
  lineEnd: z.string(),
  clockSync: z.string(),
  backfill: z.string(),
  warnings: z
    .array(z.string())
    .describe('登记被接受但不符合标准之处（如 MN 非 24 位、PW 非 6 位，HJ 212-2017 表 3）'),
});
