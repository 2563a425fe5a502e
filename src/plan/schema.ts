/**
 * Every zod shape of the plan API: path parameters, query strings and bodies the routes accept,
 * and the answers they give (plan versions, progress, rankings, the main-city check, the notices).
 * They validate and serialize what the routes take and return, document it (OpenAPI /docs), and
 * are the dashboard's types (web/src/api/types.ts) — one contract.
 * Imports nothing but zod and other schemas, so that the dashboard can import them as types; the
 * route handlers' types are checked against them by tsc.
 */
import { z } from 'zod';
import { ErrorBody } from '../http/error-body.ts';
import { SimulatedField } from '../air/schema.ts';
import { TargetSchema } from './plan-document.ts';

// ---- errors and generic bodies

/** The refusals a plan route documents. */
export const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** Any JSON object, kept whole by the serializer. */
export const AnyObject = z.looseObject({});

// ---- requests

/** A plan's id in the path. */
export const PlanIdParams = z.object({ id: z.string().describe('方案编号，如 handan-2020') });
/** A plan version in the path. */
export const VersionParams = PlanIdParams.extend({ version: z.coerce.number().int().min(1) });
/** One unit of a plan version in the path. */
export const UnitParams = VersionParams.extend({
  adcode: z.string().describe('单位（或市本级）代码'),
});
/** A notice's id in the path. */
export const NoticeIdParams = z.object({ noticeId: z.coerce.number().int() });
/** An optional plan version in a query string. */
export const VersionQuery = z.coerce
  .number()
  .int()
  .min(1)
  .optional()
  .describe('方案版本（默认最新已发布）');
/** A month in a query string or body. */
export const MonthField = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .describe('月份 YYYY-MM');

/** POST /api/plans. */
export const PlanCreateBody = z.object({
  document: AnyObject,
  publish: z.boolean().optional(),
  note: z.string().optional(),
});
/** GET /api/plans/{id}. */
export const PlanReadQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
/** POST /api/plans/{id}/versions. */
export const DraftCreateBody = z.object({
  from: z.number().int().min(1).optional(),
  note: z.string().optional(),
});

/** The body of a target edit (any subset of the target fields). */
export const TargetPatchSchema = z.object({
  pm25: z.number().nullable().optional(),
  goodDays: z.number().nullable().optional(),
  goodRatePct: z.number().nullable().optional(),
  heavyDays: z.number().nullable().optional(),
});

/** The body of a baseline edit. */
export const BaselinePatchSchema = z.object({
  pm25: z.number().nullable().optional(),
  goodDays: z.number().nullable().optional(),
  heavyDays: z.number().nullable().optional(),
  verified: z.boolean().optional(),
  source: z.string().optional(),
  note: z.string().optional(),
});

/** GET /api/plans/{id}/progress. */
export const ProgressQuery = z.object({
  date: z.string().describe('截至日期 YYYY-MM-DD'),
  version: VersionQuery,
});
/** GET /api/plans/{id}/rankings. */
export const RankingQuery = z.object({ period: z.string(), version: VersionQuery });
/** A month of a plan version (main-city check, notice candidates, monthly bulletin). */
export const MonthQuery = z.object({ month: MonthField, version: VersionQuery });
/** POST /api/plans/{id}/notices/generate. */
export const NoticeGenerateBody = z.object({
  month: MonthField,
  version: z.number().int().min(1).optional(),
});

// ---- answers

/** A plan version as stored (GET /api/plans/{id} and the editing routes). */
export const PlanVersionOut = z.looseObject({
  planId: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'published']),
  note: z.string().nullable(),
  createdAt: z.number(),
  createdBy: z.string(),
  publishedAt: z.number().nullable(),
  document: AnyObject.describe('方案内容（县区、目标、基准、规则）'),
});
/** GET /api/plans/{id}/versions. */
export const PlanVersionsOut = z.array(PlanVersionOut);

const n = z.number().nullable();
const text = z.string().nullable();

/** A status of progress (src/plan/rules/status.ts). */
export const PlanStatusOut = z
  .enum(['on_track', 'at_risk', 'off_track', 'no_target', 'no_data'])
  .describe('on_track 正常、at_risk 有风险、off_track 滞后、no_target 无目标、no_data 无有效数据');

/** Whether a subject could be assessed. */
export const SubjectStateOut = z
  .enum(['ok', 'no_station', 'no_data'])
  .describe('ok 可评价、no_station 无考核站点、no_data 无有效数据');

/** A plan in the list. */
export const PlanListItemOut = z.object({
  id: z.string(),
  name: z.string(),
  cityAdcode: z.string(),
  year: z.number(),
});
/** GET /api/plans. */
export const PlanListOut = z.array(PlanListItemOut);

/** The plan version an answer was computed from. */
export const PlanRefOut = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number(),
  versionStatus: z.string().describe('draft | published'),
  year: z.number(),
});

/** Standard editions used. */
const EditionsOut = z.object({ aqi: z.string(), assessment: z.string(), limits: z.string() });

/** A period with its first and last local date (both included). */
export const PeriodOut = z.object({
  kind: z.enum(['month', 'quarter', 'year', 'ytd']),
  label: z.string().describe('2020-11、2020-Q4、2020 或 2020-11-30'),
  title: z.string().describe('中文名称，如 2020年11月'),
  year: z.number(),
  from: z.string(),
  to: z.string(),
});

/** The figures of one unit and period (null where no valid data exist). */
export const PeriodFiguresOut = z.object({
  from: z.string(),
  to: z.string(),
  hasData: z.boolean(),
  totalDays: z.number(),
  validDays: z.number().describe('有日报 AQI 的天数'),
  pm25Days: z.number(),
  pm25: n.describe('PM2.5 平均浓度（GB/T 8170 修约为整数）'),
  pm25Exact: n,
  pm10: n,
  so2: n,
  no2: n,
  co: n.describe('CO 日均值第 95 百分位数（mg/m³）'),
  o3: n.describe('O3 日最大 8 小时平均第 90 百分位数'),
  compositeIndex: n.describe('综合指数（两位小数）'),
  goodDays: z.number(),
  goodRatePct: n,
  heavyDays: z.number(),
  countRuleMet: z.boolean().describe('GB 3095 表 4 的有效天数要求是否满足'),
});

/** The pace of a date within its plan year. */
export const PaceOut = z.object({
  year: z.number(),
  asOf: z.string(),
  elapsedDays: z.number(),
  remainingDays: z.number(),
  yearDays: z.number(),
  share: z.number().describe('时间进度（已过天数 / 全年天数）'),
});

/** One method's projection of the year's end. */
export const ProjectionOut = z.object({
  method: z.enum(['seasonal', 'same-ratio', 'linear']),
  available: z.boolean(),
  reason: z.string().optional(),
  pm25: n,
  goodDays: n,
  heavyDays: n,
});

/** Progress of one subject (the city, the main city or a unit). */
export const SubjectProgressOut = z.object({
  key: z.string(),
  kind: z.enum(['city', 'main-city', 'unit']),
  name: z.string(),
  state: SubjectStateOut,
  stations: z.array(z.string()),
  ytd: PeriodFiguresOut,
  lastYearSamePeriod: PeriodFiguresOut,
  lastYear: PeriodFiguresOut,
  target: TargetSchema.extend({ pm25ReductionPct: n.optional() }),
  pm25: z.object({
    soFar: n,
    target: n,
    lastYearSamePeriod: n,
    changePct: n,
    requiredChangePct: n,
    baseline: n,
    baselineSource: text.describe('plan、plan-percent、data 或 null'),
    projected: n,
    status: PlanStatusOut,
  }),
  goodDays: z.object({
    soFar: z.number(),
    ratePct: n,
    target: n,
    targetRatePct: n,
    expectedByPace: n,
    projected: n,
    status: PlanStatusOut,
  }),
  heavyDays: z.object({
    used: z.number(),
    ceiling: n,
    expectedByPace: n,
    projected: n,
    status: PlanStatusOut,
  }),
  projections: z.array(ProjectionOut),
  primaryMethod: text,
  status: PlanStatusOut,
});

/** GET /api/plans/{id}/progress. */
export const PlanProgressOut = z.object({
  plan: PlanRefOut,
  asOf: z.string(),
  pace: PaceOut,
  editions: EditionsOut,
  subjects: z.array(SubjectProgressOut),
  simulated: SimulatedField,
});

/** Ranks of one unit (null = not ranked). */
export const UnitRanksOut = z.object({
  adcode: z.string(),
  compositeIndex: n,
  pm25: n,
  goodRate: n,
  compositeChange: n,
  pm25Change: n,
  compositeChangePct: n,
  pm25ChangePct: n,
  fromBottom: n.describe('综合指数倒数名次'),
  bottom: z.boolean(),
});

/** One unit's row of a ranking. */
export const RankingRowOut = z.object({
  adcode: z.string(),
  name: z.string(),
  state: SubjectStateOut,
  stations: z.array(z.string()),
  figures: PeriodFiguresOut,
  previous: PeriodFiguresOut,
  ranks: UnitRanksOut,
  pm25Category: z.object({ name: z.string(), color: z.string() }).nullable(),
});

/** GET /api/plans/{id}/rankings. */
export const PlanRankingOut = z.object({
  plan: PlanRefOut,
  period: PeriodOut,
  previousPeriod: PeriodOut,
  editions: EditionsOut.extend({ compositeIndex: z.string(), ranking: z.string() }),
  bottomCount: z.number(),
  rows: z.array(RankingRowOut),
  references: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      stations: z.array(z.string()),
      figures: PeriodFiguresOut,
      previous: PeriodFiguresOut,
    }),
  ),
  simulated: SimulatedField,
});

const baselineSource = z.enum(['plan', 'data']).nullable();

/** GET /api/plans/{id}/main-city-check. */
export const MainCityChecksOut = z.object({
  period: PeriodOut,
  enabled: z.boolean(),
  mainCity: z
    .object({
      name: z.string(),
      stations: z.array(z.string()),
      monthPm25: n,
      baselinePm25: n,
      baselineSource,
    })
    .nullable(),
  units: z.array(
    z.object({
      adcode: z.string(),
      name: z.string(),
      baselinePm25: n,
      baselineSource,
      monthPm25: n,
      applies: z.boolean().nullable(),
      flagged: z.boolean().nullable(),
      marginPm25: n,
    }),
  ),
});

/** Kinds of notices (src/plan/rules/notice-workflow.ts). */
export const NoticeKindOut = z
  .enum(['warning_letter', 'summons', 'bulletin'])
  .describe('warning_letter 预警通知函、summons 约谈、bulletin 排名通报');
/** States of a notice (src/plan/rules/notice-workflow.ts). */
export const NoticeStatusOut = z
  .enum(['draft', 'reviewed', 'issued', 'responded'])
  .describe('draft 草稿、reviewed 已审核、issued 已下发、responded 已反馈');

/** A notice the rules call for (computed, not saved). */
export const NoticeDraftOut = z.object({
  kind: NoticeKindOut,
  unitAdcode: z.string(),
  unitName: z.string(),
  period: z.string(),
  title: z.string(),
  body: z.string(),
  triggers: z.array(
    z.object({
      code: z.string(),
      text: z.string(),
      figures: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
    }),
  ),
  facts: z.record(z.string(), z.unknown()),
});

/** GET /api/plans/{id}/notices/candidates. */
export const NoticeDraftsOut = z.array(NoticeDraftOut);

/** A saved notice with its workflow. */
export const NoticeViewOut = z.object({
  id: z.number(),
  planId: z.string(),
  planVersion: z.number(),
  kind: NoticeKindOut,
  unitAdcode: z.string(),
  period: z.string(),
  status: NoticeStatusOut,
  title: z.string(),
  body: z.string(),
  facts: z.unknown(),
  createdAt: z.number(),
  createdBy: z.string(),
  updatedAt: z.number(),
  reviewedAt: n,
  reviewedBy: text,
  issuedAt: n,
  issuedBy: text,
  respondedAt: n,
  respondedBy: text,
  response: text,
});

/** A notice as the monthly generation left it. */
export const NoticeGeneratedOut = NoticeViewOut.extend({
  action: z.enum(['created', 'updated', 'kept']),
});

// ---- notice requests (after the enums they use)

/** GET /api/plans/{id}/notices. */
export const NoticeListQuery = z.object({
  period: z.string().optional(),
  kind: NoticeKindOut.optional(),
  status: NoticeStatusOut.optional(),
});
/** POST /api/notices/{noticeId}/transition. */
export const NoticeTransitionBody = z.object({ to: NoticeStatusOut, text: z.string().optional() });
/** GET /api/plans/{id}/notices. */
export const NoticeListOut = z.array(NoticeViewOut);
/** POST /api/plans/{id}/notices/generate. */
export const NoticeGeneratedListOut = z.array(NoticeGeneratedOut);
