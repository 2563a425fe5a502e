/** Request and answer schemas of the dust routes (/api/dust/…). */
import { z } from 'zod';
import { ErrorBody } from '../http/error-body.ts';

export const dustErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const SOURCE_KINDS = ['construction', 'road', 'yard', 'bare_land', 'mine'] as const;
export const CONSTRUCTION_TYPES = [
  'building',
  'municipal',
  'road',
  'rail',
  'water',
  'demolition',
] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');
const adcode = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');
const code = z.string().trim().min(1).max(64);
const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const SourceKind = z
  .enum(SOURCE_KINDS)
  .describe('construction 施工工地、road 道路、yard 物料堆场、bare_land 裸露地面、mine 露天矿山');
export const ConstructionType = z
  .enum(CONSTRUCTION_TYPES)
  .describe('building 房建、municipal 市政、road 公路、rail 铁路、water 水利、demolition 拆除');

/** A dust source as registered. */
export const DustSourceInput = z.object({
  code,
  name: z.string().trim().min(1).max(200),
  kind: SourceKind,
  constructionType: ConstructionType.nullable().default(null),
  owner: z.string().trim().min(1).max(200).describe('责任单位（建设/施工/管理单位）'),
  department: z.string().trim().min(1).max(100).describe('责任部门（方案中的市直部门）'),
  regionAdcode: adcode,
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  polygon: z.array(lonLat).min(4).max(2000).nullable().default(null).describe('外轮廓（闭合环）'),
  startDate: day.nullable().default(null),
  endDate: day.nullable().default(null),
  checklist: z.record(z.string(), z.boolean().nullable()).default({}),
});
export type DustSourceInput = z.input<typeof DustSourceInput>;

export const DustSourceView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  constructionType: z.string().nullable(),
  owner: z.string(),
  department: z.string(),
  regionAdcode: z.string(),
  regionName: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  polygon: z.array(z.array(z.number())).nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  checklist: z.record(z.string(), z.boolean().nullable()),
  /** Items met / total (8). */
  checklistMet: z.number().int(),
  openInspections: z.number().int(),
  openAlarms: z.number().int(),
  devices: z.array(z.string()),
});
export const DustSourceList = z.object({
  standards: z.object({
    edition: z.string(),
    items: z.array(z.object({ key: z.string(), name: z.string() })),
  }),
  sources: z.array(DustSourceView),
});
export const SourceQuery = z.object({
  kind: SourceKind.optional(),
  region: adcode.optional(),
});
export const SourceParams = z.object({ id: z.coerce.number().int().positive() });
export const ImportResult = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
});

/** Dust-fall points and samples. */
export const PointInput = z.object({
  code,
  name: z.string().trim().min(1).max(200),
  regionAdcode: adcode,
  lon: z.number().min(-180).max(180).nullable().default(null),
  lat: z.number().min(-90).max(90).nullable().default(null),
});
export const PointView = PointInput.extend({ id: z.number().int() });
export const PointList = z.object({ points: z.array(PointView) });

export const SampleInput = z.object({
  point: code.describe('采样点编号'),
  month,
  sampleG: z.number().describe('样品质量 W1（g）'),
  blankG: z.number().describe('空白质量 W2（g）'),
  areaCm2: z.number().describe('集尘缸口面积 S（cm²）'),
  days: z.number().describe('采样天数 n'),
});
export const SamplesBody = z.object({ samples: z.array(SampleInput).min(1).max(5000) });
export const SampleView = z.object({
  point: z.string(),
  pointName: z.string(),
  regionAdcode: z.string(),
  month: z.string(),
  sampleG: z.number(),
  blankG: z.number(),
  areaCm2: z.number(),
  days: z.number(),
  exact: z.number(),
  value: z.number().describe('降尘量 t/(km²·30d)，2 位小数'),
  edition: z.string(),
});
export const SampleList = z.object({ samples: z.array(SampleView) });
export const SamplesSaved = z.object({ saved: z.number().int() });

export const MonthQuery = z.object({ plan: z.string().default('handan-2020'), month });
export const FallRow = z.object({
  adcode: z.string(),
  name: z.string(),
  target: z.number(),
  mainCity: z.boolean(),
  pointCount: z.number().int(),
  mean: z.number().nullable(),
  max: z.number().nullable(),
  min: z.number().nullable(),
  rank: z.number().int().nullable(),
  exceeds: z.boolean(),
  pointsOver: z.array(z.object({ code: z.string(), name: z.string(), value: z.number() })),
});
export const FallRanking = z.object({
  plan: z.string(),
  month: z.string(),
  edition: z.string(),
  rows: z.array(FallRow),
  exceeding: z.array(z.string()),
  missing: z.array(z.string()),
});
export const TargetBody = z.object({ target: z.number().min(0.1).max(100) });
export const TargetParams = z.object({ plan: z.string(), adcode });

/** PM10 ranking of units and sites. */
export const Pm10Row = z.object({
  adcode: z.string(),
  name: z.string(),
  stations: z.array(z.string()),
  pm10: z.number().nullable(),
  rank: z.number().int().nullable(),
});
export const Pm10Ranking = z.object({
  plan: z.string(),
  month: z.string(),
  edition: z.string(),
  rows: z.array(Pm10Row),
});
export const SiteRow = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  regionAdcode: z.string(),
  hours: z.number().int(),
  pm10: z.number().nullable().describe('期间小时 PM10 均值 µg/m³（整数）'),
  max: z.number().nullable(),
  rank: z.number().int().nullable(),
  openAlarms: z.number().int(),
});
export const SiteRanking = z.object({ from: z.string(), to: z.string(), rows: z.array(SiteRow) });
export const DayRangeQuery = z.object({ from: day, to: day });
export const HourlyView = z.object({
  hours: z.array(
    z.object({ at: z.number(), pm10: z.number().nullable(), tsp: z.number().nullable() }),
  ),
});
export const LinkBody = z.object({ mn: z.string().trim().min(1).max(64) });
export const AlarmView = z.object({
  id: z.number().int(),
  sourceId: z.number().int(),
  sourceCode: z.string(),
  sourceName: z.string(),
  regionAdcode: z.string(),
  kind: z.enum(['pm10_high', 'offline']),
  startAt: z.number(),
  endAt: z.number().nullable(),
  peak: z.number(),
  edition: z.string(),
});
export const AlarmList = z.object({ alarms: z.array(AlarmView) });
export const AlarmRun = z.object({
  sites: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
});

/** Inspections. */
export const InspectionView = z.object({
  id: z.number().int(),
  sourceId: z.number().int(),
  sourceCode: z.string(),
  sourceName: z.string(),
  department: z.string(),
  regionAdcode: z.string(),
  inspectedOn: z.string(),
  inspector: z.string(),
  findings: z.record(z.string(), z.boolean()),
  failed: z.array(z.string()),
  note: z.string(),
  passed: z.boolean(),
  deadline: z.string().nullable(),
  status: z.enum(['passed', 'open', 'closed']),
  overdue: z.boolean(),
  rectifiedAt: z.number().nullable(),
  rectification: z.string().nullable(),
  photos: z.array(z.object({ sha256: z.string(), filename: z.string(), mediaType: z.string() })),
  edition: z.string(),
});
export const InspectionList = z.object({ inspections: z.array(InspectionView) });
export const InspectionQuery = z.object({
  status: z.enum(['passed', 'open', 'closed']).optional(),
});
export const InspectionParams = z.object({ id: z.coerce.number().int().positive() });
export const PhotoParams = z.object({
  id: z.coerce.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export const RectifyBody = z.object({ text: z.string().trim().min(1).max(2000) });
