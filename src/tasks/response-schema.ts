/**
 * zod shapes of the tasks API's answers: they validate and serialize every answer (a field not
 * declared here is not sent), document it (OpenAPI /docs) and give the dashboard its types
 * (web/src/api/contract-tasks.ts takes `z.output` of them). The views (task-views.ts) are typed
 * from these schemas, so a view and its schema cannot drift apart.
 */
import { z } from 'zod';
import { StatusEnum } from './schema.ts';

const nullableNumber = z.number().nullable();
const day = z.string().describe('本地日期 YYYY-MM-DD');
const epochMs = z.number().describe('时刻（Unix 毫秒）');

/** A stored report. */
export const Submitted = z.object({
  id: z.number(),
  number: z.string(),
  unit: z.string(),
  version: z.number(),
  late: z.boolean().describe('该报告在节点到期后才完成节点（逾期完成）'),
});

/** A stored upload. */
export const UploadOut = z.object({
  id: z.number(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.number(),
});

/** A recorded review. */
export const ReviewOut = z.object({
  reviewId: z.number(),
  reportId: z.number(),
  decision: z.string().describe('accept 采纳、return 退回、request_evidence 要求补充材料'),
});

/** A county's share of a city-wide target, as stored. */
export const AllocationOut = z.object({
  number: z.string(),
  targetId: z.string(),
  unit: z.string(),
  value: z.number(),
});

/** A department of the registry with the number of leaf measures it leads. */
export const DepartmentOut = z.object({
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  parent: z.string().nullable().describe('上级部门代码（如交巡警支队属市公安局）'),
  note: z.string().nullable(),
  measures: z.number().describe('牵头的可调度任务数'),
});

/** A quantitative target of a measure. */
export const MeasureTargetOut = z.object({
  id: z.string(),
  metric: z.string(),
  unit: z.string(),
  scope: z.enum(['city', 'unit']).describe('city 全市一个总量；unit 各县（市、区）各有目标'),
  direction: z.enum(['at-least', 'at-most']).describe('at-least 完成到；at-most 不超过'),
  value: nullableNumber.describe('全市目标值（scope 为 city 时）'),
  unitValues: z.record(z.string(), z.number()).describe('各单位目标值：行政区划代码 → 数值'),
  max: nullableNumber.describe('报送值的上限，null 为不限'),
});

/** A milestone of a measure. */
export const MeasureMilestoneOut = z.object({
  id: z.string(),
  date: day,
  label: z.string(),
  targetId: z.string().nullable(),
  share: nullableNumber.describe('到期应完成的目标份额（0–1），清单节点为 null'),
  implicit: z.boolean().describe('方案未定时限（按方案年末计）'),
  units: z.array(z.string()).nullable().describe('只对这些单位适用；null 为全部'),
});

/** A measure or sub-measure of the plan. */
export const MeasureOut = z.object({
  number: z.string(),
  parent: z.string().nullable(),
  campaign: z.string(),
  campaignTitle: z.string(),
  title: z.string(),
  text: z.string().describe('方案原文'),
  leaf: z.boolean().describe('可调度（无子任务）'),
  departments: z.array(z.string()).describe('牵头部门名称'),
  units: z.array(z.object({ adcode: z.string(), name: z.string() })),
  unitsNote: z.string().nullable(),
  start: day,
  targets: z.array(MeasureTargetOut),
  milestones: z.array(MeasureMilestoneOut),
});

/** Rows per status. */
export const StatusCountsOut = z.object({
  not_started: z.number(),
  on_track: z.number(),
  behind: z.number(),
  overdue: z.number(),
  done: z.number(),
});

/** A dispatch row (measure × responsible unit) with its status on a date. */
export const RowOut = z.object({
  number: z.string(),
  title: z.string(),
  campaign: z.string(),
  unit: z.string(),
  unitName: z.string(),
  departments: z.array(z.string()),
  date: day,
  status: StatusEnum,
  statusName: z.string(),
  targets: z.array(
    z.object({
      id: z.string(),
      metric: z.string(),
      unit: z.string(),
      goal: z.number(),
      basis: z
        .enum(['unit', 'city', 'allocation'])
        .describe('目标来源：unit 本单位目标、city 全市目标、allocation 分解值'),
      value: nullableNumber.describe('累计完成值'),
      expected: nullableNumber.describe('按时序应完成值'),
      ratio: nullableNumber.describe('完成率（0–1）'),
      behind: z.boolean(),
    }),
  ),
  milestones: z.array(
    z.object({
      id: z.string(),
      date: day,
      label: z.string(),
      implicit: z.boolean(),
      targetId: z.string().nullable(),
      due: nullableNumber,
      state: z
        .enum(['met', 'met_late', 'pending', 'missed'])
        .describe('met 按期完成、met_late 逾期完成、pending 未到期、missed 逾期未完成'),
      metAt: epochMs.nullable(),
    }),
  ),
  checklist: z.array(z.string()).describe('当前版本已完成的清单节点'),
  report: z
    .object({
      id: z.number(),
      version: z.number(),
      reportedAt: epochMs,
      review: z
        .enum(['pending', 'accepted', 'evidence_requested'])
        .nullable()
        .describe('当前版本的审核状态'),
    })
    .nullable(),
});

/** A measure with each of its rows (GET /api/tasks/measures/:number). */
export const MeasureDetailOut = MeasureOut.extend({
  statusCounts: StatusCountsOut.nullable(),
  rows: z.array(RowOut),
});

/** The row listing on a date. */
export const RowsOut = z.object({
  plan: z.string(),
  date: day,
  count: z.number(),
  rows: z.array(RowOut),
});

/** A progress report with its review and attachments. */
export const ReportOut = z.object({
  id: z.number(),
  number: z.string(),
  unit: z.string(),
  unitName: z.string(),
  version: z.number(),
  correctsId: z.number().nullable(),
  values: z.record(z.string(), z.number()),
  checklist: z.array(z.string()),
  narrative: z.string(),
  reporter: z.string(),
  reporterRole: z.string(),
  source: z.string().describe('api | cli | sheet'),
  reportedAt: epochMs,
  review: z
    .object({
      decision: z.string(),
      decisionName: z.string(),
      comment: z.string(),
      reviewer: z.string(),
      reviewedAt: epochMs,
    })
    .nullable(),
  attachments: z.array(UploadOut),
});

/** One line of the on-time league. */
export const LeagueLineOut = z.object({
  kind: z.enum(['unit', 'department']),
  id: z.string(),
  name: z.string(),
  due: z.number().describe('已到期的节点数'),
  onTime: z.number(),
  late: z.number(),
  missed: z.number(),
  done: z.number().describe('已完成（采纳）的调度行数'),
  rows: z.number(),
  rate: nullableNumber.describe('按期完成率 onTime / due；无到期节点为 null'),
  rank: nullableNumber,
});

/** The on-time league of counties and departments on a date. */
export const LeagueOut = z.object({
  date: day,
  units: z.array(LeagueLineOut),
  departments: z.array(LeagueLineOut),
});

/** Whom a notice is addressed to. */
export const AddresseeOut = z.object({
  kind: z.enum(['unit', 'department']),
  id: z.string().describe('行政区划代码或部门代码'),
  name: z.string(),
});

/** Milestone reminders due on a date, by addressee. */
export const RemindersOut = z.object({
  date: day,
  leadDays: z.array(z.number()).describe('节点到期前几天提醒'),
  reminders: z.array(
    z.object({
      addressee: AddresseeOut,
      items: z.array(
        z.object({
          number: z.string(),
          title: z.string(),
          unit: z.string(),
          milestone: z.string(),
          date: day,
          label: z.string(),
          daysLeft: z.number(),
        }),
      ),
    }),
  ),
});

/** The facts of one row in a notice. */
export const NoticeFactOut = z.object({
  number: z.string(),
  title: z.string(),
  unit: z.string(),
  unitName: z.string(),
  departments: z.array(z.string()),
  reason: z
    .enum(['overdue', 'behind', 'silent', 'reminder'])
    .describe('overdue 逾期、behind 滞后、silent 未报送、reminder 到期提醒'),
  status: z.string(),
  lines: z.array(z.string()),
});

/** A drafted notice. */
export const NoticeDraftOut = z.object({
  title: z.string(),
  body: z.string(),
  facts: z.array(NoticeFactOut),
});

/** A warning notice draft for one addressee (null draft: nothing lags). */
export const DraftOut = z.object({
  date: day,
  addressee: AddresseeOut,
  draft: NoticeDraftOut.nullable(),
});

/** What one day's dispatch run did. */
export const RefreshDayOut = z.object({
  date: day,
  rows: z.number(),
  changes: z.array(
    z.object({
      number: z.string(),
      unit: z.string(),
      from: z.string().nullable().describe('原状态（首次调度为 null）'),
      to: z.string().describe('新状态'),
    }),
  ),
  notices: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['warning', 'reminder']),
      addressee: AddresseeOut,
      title: z.string(),
    }),
  ),
});

/** What a dispatch sheet import did. */
export const SheetImportOut = z.object({
  rows: z.number().describe('读取的数据行数'),
  reports: z.array(Submitted),
  unchanged: z.number().describe('与当前报告相同而未报送的项数'),
});

/** A stored notice. */
export const NoticeOut = z.object({
  id: z.number(),
  kind: z.string(),
  addresseeKind: z.string(),
  addressee: z.string(),
  date: z.string(),
  title: z.string(),
  body: z.string(),
  facts: z.array(NoticeFactOut),
  createdAt: z.number(),
  createdBy: z.string(),
});
