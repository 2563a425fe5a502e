/** zod shapes of the tasks API (requests and answers), shown in the OpenAPI document. */
import { ErrorBody } from '../http/error-body.ts';
import { z } from 'zod';
import { REVIEW_DECISIONS } from './rules/report-rules.ts';
import { ROW_STATUSES } from './rules/status-rules.ts';

/** Error answers most routes may give. */
export const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('本地日期 YYYY-MM-DD（默认今天）');
const plan = z.string().optional().describe('方案编号（只载入一个方案时可省略）');
const list = (s: string | undefined): string[] | undefined =>
  s === undefined
    ? undefined
    : s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);

/** A row status. */
export const StatusEnum = z.enum(
  ROW_STATUSES as ['not_started', 'on_track', 'behind', 'overdue', 'done'],
);

/** Filters of the row listing. */
export const RowsQuery = z.object({
  plan,
  date: date.optional(),
  status: z
    .string()
    .optional()
    .describe(
      '状态，逗号分隔：not_started 未启动、on_track 正常推进、behind 滞后、overdue 逾期、done 已完成',
    )
    .transform(list)
    .pipe(z.array(StatusEnum).optional()),
  dept: z.string().optional().describe('牵头部门（名称、简称或代码）'),
  unit: z.string().optional().describe('责任单位（行政区划代码或名称）'),
  measure: z.string().optional().describe('任务编号，如 三.(五).2（含子任务）'),
});

/** Filters of the measure listing. */
export const MeasuresQuery = z.object({
  plan,
  campaign: z.string().optional().describe('攻坚战编号，如 三.(五)'),
  dept: z.string().optional(),
});

/** A measure number in the path. */
export const NumberParams = z.object({ number: z.string().describe('任务编号，如 三.(五).2') });
/** A report id in the path. */
export const IdParams = z.object({ id: z.coerce.number().int().positive() });
/** A report id and an upload id in the path. */
export const AttachmentParams = z.object({
  id: z.coerce.number().int().positive(),
  uploadId: z.coerce.number().int().positive(),
});
/** The plan, when several are loaded. */
export const PlanQuery = z.object({ plan });
/** The plan and a date. */
export const DateQuery = z.object({ plan, date: date.optional() });

/** Filters of the report listing. */
export const ReportsQuery = z.object({
  plan,
  measure: z.string().optional(),
  unit: z.string().optional(),
});

/** A progress report. */
export const ReportBody = z.object({
  plan,
  measure: z.string().describe('任务编号（子任务填子任务编号，如 三.(二).2.1）'),
  unit: z.string().describe('责任单位：行政区划代码或名称（全市行为“全市”或市代码）'),
  values: z
    .record(z.string(), z.number())
    .default({})
    .describe('累计完成值：指标编号 → 数值，如 {"t1": 12}'),
  checklist: z.array(z.string()).default([]).describe('已完成的清单节点编号，如 ["m1"]'),
  narrative: z.string().max(4000).default('').describe('进展情况'),
  attachments: z
    .array(z.number().int().positive())
    .max(20)
    .default([])
    .describe('附件：上传编号（POST /api/tasks/uploads）'),
  corrects: z.number().int().positive().optional().describe('更正的报告编号'),
});

/** A review decision. */
export const ReviewBody = z.object({
  decision: z
    .enum(REVIEW_DECISIONS as [string, ...string[]])
    .describe('accept 采纳、return 退回、request_evidence 要求补充材料'),
  comment: z.string().max(2000).default(''),
});

/** A county's share of a city-wide target. */
export const AllocationBody = z.object({
  plan,
  measure: z.string(),
  target: z.string().describe('全市目标的指标编号，如 t1'),
  unit: z.string(),
  value: z.number().nonnegative(),
});

/** The date (or dates) of a dispatch run. */
export const RefreshBody = z.object({
  plan,
  date: date.optional(),
  from: date.optional().describe('从该日起逐日补跑到 date'),
});

/** Filters of the notice listing. */
export const NoticeQuery = z.object({
  plan,
  kind: z.enum(['warning', 'reminder']).optional(),
  from: date.optional(),
  to: date.optional(),
});

/** Whom and when a warning notice draft is for. */
export const DraftQuery = z.object({
  plan,
  date: date.optional(),
  unit: z.string().optional().describe('县（市、区）'),
  dept: z.string().optional().describe('部门'),
});

/** Filters of the sheet export (those of the row listing). */
export const SheetQuery = RowsQuery;
