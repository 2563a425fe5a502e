/** zod schemas of the sub-metering API (/api/sources/enterprises/:code/power…). */
import { z } from 'zod';

/** Path of an enterprise. */
export const EnterpriseParams = z.object({
  code: z.string().describe('企业统一社会信用代码'),
});

/** Path of one meter. */
export const MeterParams = EnterpriseParams.extend({
  meter: z.string().describe('电表编号（企业内唯一）'),
});

/** Body of POST …/power/meters; domain checks (stable codes) in rules/meter-rules.ts. */
export const MeterBody = z.object({
  code: z.string().describe('电表编号（企业内唯一）'),
  name: z.string().describe('名称，如 1# 烧结主抽风机'),
  role: z.string().describe('production（生产设施）或 treatment（治污设施）'),
  line: z.string().nullable().optional().describe('生产线编号（生产设施电表）'),
  facility: z.string().nullable().optional().describe('治污设施编号（治污设施电表）'),
  deviceMn: z.string().nullable().optional().describe('上传功率的 HJ 212 数采仪 MN'),
  deviceCode: z
    .string()
    .nullable()
    .optional()
    .describe('数采仪上传功率所用的因子编码（厂家自定义）'),
  factor: z.number().optional().describe('上传值 × 系数 = kW（默认 1；上传 W 时填 0.001）'),
  runningKw: z.number().describe('运行判定功率（kW）：不低于此值为运行'),
});

/** Body of PATCH …/power/meters/:meter (only the fields given change). */
export const MeterPatchBody = MeterBody.omit({ code: true }).partial();

/** A meter. */
export const MeterOut = z.object({
  code: z.string(),
  name: z.string(),
  role: z.string(),
  line: z.string().nullable(),
  facility: z.string().nullable(),
  deviceMn: z.string().nullable(),
  deviceCode: z.string().nullable(),
  factor: z.number(),
  runningKw: z.number(),
});

/** Body of POST …/power/readings. */
export const ReadingsBody = z.object({
  readings: z
    .array(
      z.object({
        meter: z.string().describe('电表编号'),
        time: z
          .union([z.number(), z.string()])
          .describe('UTC 毫秒、带时区偏移的 ISO 8601，或当地时间 YYYY-MM-DD HH:MM[:SS]'),
        kw: z.union([z.number(), z.string()]).describe('有功功率 kW'),
        kwh: z.union([z.number(), z.string()]).nullable().optional().describe('电量累计 kWh'),
      }),
    )
    .describe('一批读数：任何一条不符则全部不写入，并列出序号'),
});

/** What a batch of readings did. */
export const ReadingsOut = z.object({
  received: z.number().describe('收到的读数条数'),
  written: z.number().describe('新写入或有变化的条数（重复上传为 0）'),
});

/** Query of GET …/power. */
export const PowerQuery = z.object({
  from: z.string().describe('起始日期 YYYY-MM-DD（当地日历）'),
  to: z.string().describe('结束日期 YYYY-MM-DD（含）'),
});

const HourState = z.object({
  time: z.number().describe('小时起点（UTC 毫秒）'),
  production: z.boolean().nullable().describe('生产设施运行（true）、停止（false）、未知（null）'),
  treatment: z.boolean().nullable().describe('治污设施运行（true）、停止（false）、未知（null）'),
});

/** GET …/power: readings per meter, hourly states per line, periods without treatment. */
export const PowerOut = z.object({
  enterprise: z.object({ code: z.string(), name: z.string() }),
  from: z.number().describe('起始时刻（UTC 毫秒，含）'),
  to: z.number().describe('结束时刻（UTC 毫秒，不含）'),
  rules: z.object({
    runningShare: z.number().describe('一小时内运行读数占比不低于此值为运行'),
    minReadings: z.number().describe('一小时内读数少于此数为未知'),
  }),
  meters: z.array(
    MeterOut.extend({
      readings: z.array(
        z.object({
          time: z.number(),
          kw: z.number(),
          kwh: z.number().nullable(),
          origin: z.string(),
        }),
      ),
    }),
  ),
  lines: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      hours: z.array(HourState),
      untreated: z
        .array(z.object({ from: z.number(), to: z.number(), hours: z.number() }))
        .describe('生产设施运行而治污设施停止的时段'),
    }),
  ),
});
