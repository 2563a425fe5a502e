/**
 * zod schemas of the forecast API (/api/warnings/forecasts…). The body is loose on purpose: ranges,
 * gaps, duplicate dates and pollutant names are checked by the rules (stable LT_ERR_FORECAST_*
 * codes, every problem listed), not by the schema.
 */
import { z } from 'zod';

const Level = z.enum(['none', 'yellow', 'orange', 'red']).describe('预警级别');

/** One day as posted. */
const ForecastDayBody = z.object({
  date: z.string().describe('预报日期 YYYY-MM-DD'),
  aqi: z.number().describe('日 AQI（给范围时为上限），0–500'),
  aqiLow: z.number().nullable().optional().describe('AQI 范围下限（只给一个值时不填）'),
  primary: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional()
    .describe('首要污染物：PM2.5、PM10、O3、NO2、SO2、CO（可多个）'),
  cause: z
    .string()
    .nullable()
    .optional()
    .describe('成因：dust（沙尘）、fire、blowing-dust、transboundary'),
  rolling24hAqi: z.number().nullable().optional().describe('当日起连续 24 小时最高 AQI'),
});

/** Body of POST /api/warnings/forecasts. */
export const ForecastBody = z.object({
  region: z.string().describe('地区代码（市或县区，6 位）'),
  issued: z.string().describe('预报发布日期 YYYY-MM-DD'),
  days: z.array(ForecastDayBody).max(400).describe('逐日预报（默认 3–7 天）'),
  note: z.string().max(500).nullable().optional().describe('备注'),
});

const DayOut = z.object({
  date: z.string(),
  aqi: z.number(),
  aqiLow: z.number().nullable(),
  primary: z.array(z.string()),
  cause: z.string().nullable(),
  rolling24hAqi: z.number().nullable(),
});

/** One version with its days. */
export const ForecastVersionOut = z.object({
  id: z.number(),
  region: z.string(),
  regionName: z.string().nullable(),
  version: z.number().describe('该地区第几版'),
  issued: z.string(),
  origin: z.enum(['manual', 'import', 'api']).describe('手工录入、文件导入或接口推送'),
  author: z.string().describe('录入人（或接口令牌）'),
  note: z.string().nullable(),
  createdAt: z.number().describe('保存时间（UTC 毫秒）'),
  firstDay: z.string(),
  lastDay: z.string(),
  days: z.array(DayOut),
});

/** The list of versions. */
export const ForecastListOut = z.array(
  ForecastVersionOut.omit({ days: true }).extend({
    peakAqi: z.number(),
    level: Level.describe('建议预警级别'),
    response: z.enum(['industrial', 'advice', 'none']),
    edition: z.string().describe('分级标准版本'),
  }),
);

/** Query of the list. */
export const ForecastListQuery = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('地区代码（不填为可见的全部）'),
});

/** Query of the newest version. */
export const ForecastLatestQuery = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/)
    .describe('地区代码'),
});

/** Path of one version. */
export const ForecastParams = z.object({ id: z.coerce.number().int().positive() });

/** Query of the diff. */
export const ForecastDiffQuery = z.object({
  against: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('与哪个版本比较（默认同地区上一版）'),
});

const DiffDay = DayOut.omit({ date: true });

/** The comparison of two versions. */
export const ForecastDiffOut = z.object({
  before: ForecastVersionOut,
  after: ForecastVersionOut,
  days: z.array(
    z.object({
      date: z.string(),
      change: z.enum(['added', 'removed', 'changed', 'same']),
      before: DiffDay.nullable(),
      after: DiffDay.nullable(),
      aqiDelta: z.number().nullable(),
      fields: z.array(z.string()),
    }),
  ),
  levels: z.object({
    before: z.object({ level: Level, edition: z.string() }),
    after: z.object({ level: Level, edition: z.string() }),
  }),
});

const Clause = z.object({
  op: z.string(),
  aqi: z.number(),
  hours: z.number(),
  dates: z.array(z.string()),
});
const Basis = z.object({
  level: Level,
  conditionId: z.string(),
  source: z.string(),
  verified: z.boolean(),
  layer: z.string().nullable(),
  matches: z.array(Clause),
});

/** The recommended level of a version (docs/warnings.md §2). */
export const ForecastGradeOut = z.object({
  versionId: z.number(),
  version: z.number(),
  edition: z.enum(['2019', '2024']).describe('分级标准版本'),
  document: z.string().describe('文号'),
  title: z.string(),
  localRules: z.string().nullable(),
  region: z.string().nullable(),
  issued: z.string().nullable(),
  level: Level,
  response: z.enum(['industrial', 'advice', 'none']),
  reason: z.string().describe('理由（中文）'),
  from: z.string().nullable(),
  to: z.string().nullable(),
  thresholdLevel: Level,
  basis: Basis.nullable(),
  measures: z.array(z.string()),
  leadDays: z.number().nullable().describe('提前天数'),
  requiredLeadDays: z.number().describe('要求提前天数'),
  leadShort: z.boolean().nullable(),
  episodes: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      days: z.number(),
      response: z.enum(['industrial', 'advice']),
      level: Level,
      thresholdLevel: Level,
      drivers: z.array(z.string()),
      peak: z.object({ aqi: z.number(), date: z.string() }),
      leadDays: z.number().nullable(),
      reason: z.string(),
      openStart: z.boolean(),
      openEnd: z.boolean(),
    }),
  ),
  dailyAqiBasis: z.string(),
  mergeGapHours: z.number(),
  forecastFrom: z.string(),
  forecastTo: z.string(),
  notes: z.array(z.string()),
});

/** What an import stored. */
export const ForecastImportOut = z.object({
  file: z.string(),
  versions: z.array(
    z.object({
      id: z.number(),
      region: z.string(),
      version: z.number(),
      issued: z.string(),
      days: z.number(),
    }),
  ),
});
