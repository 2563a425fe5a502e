/** Zod schemas of the air API's answers: they validate, serialize and document (OpenAPI /docs). */
import { z } from 'zod';

const nullableNumber = z.number().nullable();

/** Whether the figures of an answer rest on simulated data (src/air/simulated-data.ts). */
export const SimulatedField = z
  .boolean()
  .describe(
    '所示数字是否含模拟数据（数据来源为模拟器，例如 lantian demo handan）；为 true 时页面标注“模拟数据”',
  );

/** An administrative region. */
export const RegionOut = z.object({
  adcode: z.string(),
  name: z.string(),
  parentAdcode: z.string().nullable(),
  level: z.string().describe('province | city | county | zone（功能区）'),
  timeZone: z.string(),
});

/** A region with its children and the number of stations in its subtree. */
export const RegionDetailOut = RegionOut.extend({
  children: z.array(RegionOut),
  stationCount: z.number(),
});

/** A monitoring station (coordinates WGS-84). */
export const StationOut = z.object({
  code: z.string(),
  name: z.string(),
  regionAdcode: z.string(),
  kind: z.string().describe('国控 | 省控 | 县控 | 乡镇 | 微站 | 其他'),
  role: z.string().describe('assessment 考核点 | reference 对照点 | micro 微站'),
  lon: nullableNumber,
  lat: nullableNumber,
  pollutants: z.array(z.string()),
});

/**
 * The AQI of one day (HJ 633 daily report), the one daily-AQI shape: the air API's series extend
 * it (DailyAqiDayOut), the overview adds the day's PM2.5 (overview/schema.ts).
 */
export const DayAqiOut = z.object({
  date: z.string(),
  edition: z.string().describe('所用 AQI 标准版本'),
  aqi: nullableNumber,
  level: nullableNumber.describe('级别 1–6'),
  category: z.string().nullable().describe('类别：优、良、轻度污染…'),
  color: z.string().nullable(),
  primary: z.array(z.string()).describe('首要污染物（AQI > 50 时）'),
  complete: z.boolean(),
});

/** One day's AQI with what lies behind it. */
export const DailyAqiDayOut = DayAqiOut.extend({
  missing: z.array(z.string()).describe('缺少的指标（行政区：有效站点不足或无有效值）'),
  partialAqi: nullableNumber.describe('现有指标的 AQI（数据不全时不发布 AQI）'),
  iaqi: z.record(z.string(), nullableNumber),
  concentrations: z.record(z.string(), nullableNumber.optional()),
});

/** A region's daily AQI series. */
export const RegionDailyAqiOut = z.object({
  region: z.object({ adcode: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  stations: z.array(z.string()),
  days: z.array(DailyAqiDayOut),
  simulated: SimulatedField,
});

/** A station's daily AQI series. */
export const StationDailyAqiOut = z.object({
  station: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  days: z.array(DailyAqiDayOut),
  simulated: SimulatedField,
});

const Figures = z.record(z.string(), z.record(z.string(), nullableNumber));

/** The HJ 663 assessment of a region and period. */
export const AssessmentOut = z.object({
  region: z.object({ adcode: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  edition: z.object({
    aqi: z.string(),
    assessment: z.string(),
    limits: z.string(),
    compositeIndex: z.string(),
  }),
  stations: z.array(z.string()),
  pollutants: Figures.describe('按 GB/T 8170 修约的统计值（µg/m³，CO 为 mg/m³）'),
  exact: Figures.describe('未修约的统计值'),
  validDays: z.record(z.string(), z.number()),
  days: z.object({
    total: z.number(),
    valid: z.number(),
    good: z.number(),
    goodRate: nullableNumber,
    heavy: z.number(),
    byLevel: z.record(z.string(), z.number()),
    incompleteCounted: z
      .number()
      .describe('指标不全但 AQI 已发布并计入有效天数的天数（HJ 633-2026，级别为下限）'),
    excluded: z
      .object({
        total: z.number(),
        byReason: z
          .record(z.string(), z.number())
          .describe(
            'no_data 无监测数据；missing_indicator 缺少指标；too_few_stations 有效站点不足',
          ),
        byIndicator: z.record(z.string(), z.number()).describe('因缺少该指标而排除的天数'),
        days: z.array(
          z.object({
            date: z.string(),
            reason: z.string(),
            missing: z.record(z.string(), z.string()),
            partialAqi: nullableNumber,
          }),
        ),
      })
      .describe('未计入有效天数的日期及原因'),
  }),
  rules: z
    .object({
      minStationShare: z.number(),
      incompleteAqi: z.string(),
      countIncompleteDays: z.boolean(),
    })
    .describe('所用数据完整性规则（docs/assessment.md）'),
  compositeIndex: nullableNumber,
  attainment: z.object({
    meets: z.boolean().nullable(),
    byPollutant: z.record(z.string(), z.boolean().nullable()),
  }),
  countRule: z.object({ meets: z.boolean() }),
  simulated: SimulatedField,
});

/** A station's hourly readings. */
export const HourlyOut = z.object({
  station: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  hourConvention: z.literal('start').describe('时间标记小时的开始（HJ 212 约定）'),
  simulated: SimulatedField,
  units: z.object({ CO: z.string(), other: z.string() }),
  series: z.record(
    z.string(),
    z.array(
      z.object({
        time: z.string(),
        hour: z.number(),
        value: z.number(),
        flag: z.string().nullable(),
      }),
    ),
  ),
});
