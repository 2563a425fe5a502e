/** zod schemas of the trucks' daily metrics API (/api/trucks/days, rollups, judgements). */
import { z } from 'zod';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('日期（北京时间，YYYY-MM-DD），默认今天');

export const DayQuery = z.object({ day: Day.optional() });
export const RollupQuery = z.object({
  day: Day.optional(),
  by: z.enum(['fleet', 'county']).default('county').describe('按车队（fleet）或区县（county）汇总'),
});

const FlagCounts = z.record(z.string(), z.number()).describe('单条记录标记的次数，按标记代码');

/** One vehicle-day. */
export const VehicleDayOut = z.object({
  vin: z.string(),
  plate: z.string(),
  fleet: z.string().nullable(),
  county: z.string().describe('所属区县代码'),
  online: z.boolean().describe('当天有数据'),
  records: z.number(),
  engineSeconds: z.number().describe('发动机转速 > 0 的记录数（秒）'),
  completeness: z.number().nullable().describe('数据完整率：记录数 ÷ 发动机运转秒数（0–1）'),
  packetLoss: z
    .number()
    .nullable()
    .describe('丢包率（HJ 1239.2：丢失包数 ÷ 发送包数，按数据时段内每秒一条估算，0–1）'),
  mileageKm: z.number().nullable(),
  fuelL: z.number().nullable(),
  noxG: z.number().nullable().describe('NOx 排放量估算（克；估算值，不是法定方法）'),
  fixes: z.number().describe('有效定位的记录数'),
  firstAt: z.number().nullable(),
  lastAt: z.number().nullable(),
  flagCounts: FlagCounts,
  judgements: z.number().describe('当天的时段判定条数'),
  metricsVersion: z.string(),
  computedAt: z.number(),
});

export const VehicleDaysOut = z.object({ day: z.string(), vehicles: z.array(VehicleDayOut) });

/** One group of a roll-up (a fleet or a county), or the total. */
export const RollupGroupOut = z.object({
  key: z.string().describe('车队名或区县代码；无车队的车辆归入空字符串'),
  name: z.string().describe('车队名或区县名称'),
  registered: z.number().describe('登记车辆数'),
  online: z.number().describe('当天有数据的车辆数'),
  onlineRate: z.number().nullable().describe('在线率：在线 ÷ 登记'),
  completeness: z.number().nullable().describe('在线车辆数据完整率的平均值'),
  packetLoss: z.number().nullable().describe('在线车辆丢包率的平均值'),
  mileageKm: z.number(),
  fuelL: z.number(),
  noxG: z.number(),
  flags: z.number().describe('单条记录标记总数'),
  flagCounts: FlagCounts,
  judgements: z.number().describe('时段判定条数'),
  judgementsByRule: z.record(z.string(), z.number()),
});

export const RollupsOut = z.object({
  day: z.string(),
  by: z.enum(['fleet', 'county']),
  groups: z.array(RollupGroupOut),
  total: RollupGroupOut,
  computedAt: z.number().nullable().describe('最近一次重算时间（UTC 毫秒），未重算过为 null'),
});

/** One judgement of a windowed rule. */
export const JudgementOut = z.object({
  id: z.number(),
  rule: z.string().describe('规则代码（nox_high_load、reagent_empty …）'),
  ruleVersion: z.string(),
  start: z.number(),
  end: z.number(),
  detail: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
});

export const VehicleJudgementsOut = z.object({
  vin: z.string(),
  day: z.string(),
  judgements: z.array(JudgementOut),
});

/** Networked vehicles against the plan's target (三.(三).6.1). */
export const NetworkedOut = z.object({
  windowDays: z.number().describe('联网判定窗口（天）：窗口内有数据的登记车辆计为联网'),
  since: z.number().describe('窗口起点（UTC 毫秒）'),
  registered: z.number(),
  networked: z.number().describe('联网车辆数'),
  target: z
    .object({
      plan: z.string(),
      number: z.string(),
      targetId: z.string(),
      metric: z.string(),
      unit: z.string(),
      value: z.number(),
    })
    .nullable()
    .describe('方案目标（未加载方案时为 null）'),
  ratio: z.number().nullable().describe('联网车辆 ÷ 目标（仅市级账号；区县账号为 null）'),
});
