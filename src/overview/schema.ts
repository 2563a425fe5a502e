/** zod shape of GET /api/overview (documents the answer in the OpenAPI document). */
import { z } from 'zod';
import { DailyAqiDayOut, DayAqiOut, SimulatedField } from '../air/schema.ts';
import { PlanStatusOut } from '../plan/schema.ts';

const n = z.number().nullable();

/** The day's AQI in the shape of the air API's, with the day's PM2.5. */
export const OverviewDayAqiOut = DayAqiOut.extend({
  pm25: n.describe('当日 PM2.5 日均值（µg/m³，未修约）'),
});

const RealtimeOut = z
  .object({
    hour: z.number().describe('小时开始时刻（UTC 毫秒）'),
    edition: z.string(),
    aqi: n,
    level: n,
    category: z.string().nullable(),
    color: z.string().nullable(),
    primary: z.array(z.string()),
    complete: z.boolean(),
    stations: z.number(),
  })
  .nullable()
  .describe('最近一小时的实时 AQI（HJ 633 实时报，仅当日）');

const PeriodOut = z
  .object({
    from: z.string(),
    to: z.string(),
    pm25: n.describe('PM2.5 平均浓度（GB/T 8170 修约，µg/m³）'),
    pm25Exact: n,
    pm25ValidDays: z.number(),
    validDays: z.number(),
    goodDays: z.number(),
    goodRate: n.describe('优良天数比例 %'),
    heavyDays: z.number(),
  })
  .nullable();

export const UnitOut = z.object({
  adcode: z.string(),
  name: z.string(),
  level: z.string().describe('city | county | zone …'),
  stations: z.number().describe('参与考核的站点数'),
  position: z
    .object({ lon: z.number(), lat: z.number() })
    .nullable()
    .describe('站点平均位置（WGS-84）'),
  today: OverviewDayAqiOut.nullable().describe('当日 AQI（HJ 633 日报）'),
  realtime: RealtimeOut,
  yearToDate: PeriodOut.describe('今年 1 月 1 日至所选日期'),
  lastYear: PeriodOut.describe('去年同期'),
  pm25Change: n.describe('PM2.5 同比变化 %'),
});

const PlanSubjectOut = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.string(),
  status: PlanStatusOut,
  pm25: z.object({ soFar: n, target: n, projected: n, status: PlanStatusOut }),
  goodDays: z.object({
    soFar: z.number(),
    ratePct: n.describe('优良天数比例（%）'),
    target: n.describe('目标优良天数（方案以天数给出时）'),
    targetRatePct: n.describe('目标优良天数比例（方案以比例给出时，%）'),
    expectedByPace: n,
    projected: n,
    status: PlanStatusOut,
  }),
  heavyDays: z.object({ used: z.number(), ceiling: n, status: PlanStatusOut }),
});

const PlanOut = z
  .object({
    id: z.string(),
    name: z.string(),
    year: z.number(),
    version: z.number(),
    asOf: z.string(),
    pace: z.object({ share: z.number(), elapsedDays: z.number(), remainingDays: z.number() }),
    city: PlanSubjectOut.nullable(),
    units: z.array(PlanSubjectOut),
    counts: z.record(z.string(), z.number()),
  })
  .nullable()
  .describe(
    '所示日期所在年度的工作方案进度（GET /api/plans/{id}/progress 的摘要）；无方案时为 null',
  );

export const OverviewOut = z.object({
  region: z.object({
    adcode: z.string(),
    name: z.string(),
    level: z.string(),
    timeZone: z.string(),
  }),
  date: z.string().describe('所示日期'),
  today: z.string().describe('该行政区的今天'),
  latestDataDate: z.string().nullable().describe('所示日期及以前最近有日数据的日期'),
  editions: z.object({ aqi: z.string(), assessment: z.string(), limits: z.string() }),
  city: UnitOut,
  units: z.array(UnitOut).describe('下级县区（含功能区）'),
  plan: PlanOut,
  simulated: SimulatedField.describe(
    '所示数字（今日、今年以来、去年同期）是否含模拟数据；为 true 时页面标注“模拟数据”',
  ),
  generatedAt: z.number().describe('计算时刻（UTC 毫秒）；结果缓存约 60 秒'),
});

export const OverviewQuery = z.object({
  region: z
    .string()
    .optional()
    .describe('行政区划代码；默认：县区账号为本县区，其他为站点最多的顶级行政区'),
  date: z.string().optional().describe('日期 YYYY-MM-DD，默认今天'),
});

export const DataDaysQuery = z.object({
  region: z.string().optional().describe('行政区划代码；默认：站点最多的城市（与总览相同）'),
  station: z.string().optional().describe('站点编码（给出时按该站点回答，忽略 region）'),
  date: z.string().optional().describe('截至日期 YYYY-MM-DD，默认今天'),
});

export const DataDaysOut = z.object({
  region: z.string().nullable().describe('所答行政区（按站点回答时为 null）'),
  station: z.string().nullable().describe('所答站点（按行政区回答时为 null）'),
  today: z.string().describe('该行政区（站点所在行政区）的今天'),
  first: z.string().nullable().describe('最早有日数据的日期'),
  last: z.string().nullable().describe('截至日期及以前最近有日数据的日期（任一站点）'),
  lastAssessable: z
    .string()
    .nullable()
    .describe(
      '截至日期及以前最近可评价的日期：足够多的考核站点有 PM2.5 日均值（HJ 663 点位平均，至少过半）',
    ),
  stations: z.number().int().describe('计入的站点数（行政区的考核站点，或该站点）'),
  required: z.number().int().describe('某日可评价所需的有数据站点数'),
});

export const StationDayQuery = z.object({
  region: z.string().describe('行政区划代码（含下级行政区的站点）'),
  date: z.string().describe('日期 YYYY-MM-DD'),
});

export const StationDayOut = z.object({
  region: z.object({ adcode: z.string(), name: z.string() }),
  date: z.string(),
  stations: z
    .array(z.object({ code: z.string(), day: DailyAqiDayOut.nullable() }))
    .describe('该行政区（含下级）每个站点当日的 AQI；当日无数据为 null'),
  simulated: SimulatedField,
});
