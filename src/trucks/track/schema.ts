/** zod schemas of a vehicle's day (/api/trucks/search, …/minutes); its judgements: days/day-schema.ts. */
import { z } from 'zod';
import { isBeijingDay } from '../beijing-day.ts';

/** GET /api/trucks/search. */
export const VehicleSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, '请输入 VIN 或车牌号')
    .max(32)
    .describe('VIN（全部或部分，不分大小写）或车牌号（部分，可含汉字）'),
});

/** One vehicle found by the search. */
export const VehicleHitOut = z.object({
  vin: z.string(),
  plate: z.string(),
  plateColour: z.string(),
  emissionStage: z.string(),
  fleet: z.string().nullable(),
  county: z.string().describe('所属区县行政区划代码'),
});

/** Query of the day routes: a Beijing day, today when absent. */
export const VehicleDayQuery = z.object({
  day: z
    .string()
    .refine(isBeijingDay, '日期须为 YYYY-MM-DD')
    .optional()
    .describe('北京时间日期 YYYY-MM-DD（缺省为今天）'),
});

/** Record-flag counts by flag code. */
const FlagCounts = z.record(z.string(), z.number());

/** One vehicle-minute of data-stream records (means over the valid readings). */
export const VehicleMinuteOut = z.object({
  minute: z.number().describe('该分钟开始（UTC 毫秒）'),
  records: z.number().describe('数据流记录数'),
  reissued: z.number().describe('其中来自补发的记录数'),
  speed: z.number().nullable().describe('平均车速 km/h（车速合计 ÷ 记录数）'),
  speedMax: z.number().nullable(),
  noxUp: z.number().nullable().describe('SCR 上游 NOx 均值，ppm'),
  noxDown: z.number().nullable().describe('SCR 下游 NOx 均值，ppm'),
  scrIn: z.number().nullable().describe('SCR 入口温度均值，°C'),
  scrOut: z.number().nullable().describe('SCR 出口温度均值，°C'),
  reagentMin: z.number().nullable().describe('反应剂余量最低值，%'),
  lon: z.number().nullable().describe('该分钟最后一个有效定位（WGS-84）'),
  lat: z.number().nullable(),
  fixes: z.number().describe('有效定位的记录数'),
  flags: FlagCounts.describe('记录判定标记计数'),
});

/** GET /api/trucks/vehicles/:vin/minutes. */
export const VehicleMinutesOut = z.object({
  vin: z.string(),
  day: z.string(),
  from: z.number().describe('当日开始（UTC 毫秒）'),
  to: z.number().describe('次日开始（UTC 毫秒）'),
  minutes: z.array(VehicleMinuteOut).describe('按时间排序，至多 1440 行'),
  flags: FlagCounts.describe('当日记录判定标记合计'),
  ruleVersions: z.array(z.string()).describe('当日分钟汇总所用的记录判定规则版本'),
});

