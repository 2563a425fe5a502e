/** zod shapes of the alarms API (/api/sources/alarms…), shown in the OpenAPI document. */
import { z } from 'zod';
import { ErrorBody } from '../../http/error-body.ts';
import { CLOSE_REASONS } from './rules/close-reasons.ts';
import { ALARM_KIND_NAMES } from './rules/episode.ts';

/** Error answers of the alarm routes. */
export const alarmErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const kinds = Object.keys(ALARM_KIND_NAMES) as [
  keyof typeof ALARM_KIND_NAMES,
  ...Array<keyof typeof ALARM_KIND_NAMES>,
];
const reasons = Object.keys(CLOSE_REASONS) as [
  keyof typeof CLOSE_REASONS,
  ...Array<keyof typeof CLOSE_REASONS>,
];

const AlarmKindEnum = z.enum(kinds).describe(
  Object.entries(ALARM_KIND_NAMES)
    .map(([k, v]) => `${k} ${v}`)
    .join('、'),
);
const AlarmStatusEnum = z
  .enum(['open', 'acknowledged', 'closed'])
  .describe('open 待处理、acknowledged 已确认、closed 已关闭');

/** Filters of the inbox. */
export const AlarmQuery = z.object({
  status: AlarmStatusEnum.optional(),
  kind: AlarmKindEnum.optional(),
  county: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('县级行政区划代码'),
  enterprise: z.string().min(1).max(18).optional().describe('企业统一社会信用代码'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** One alarm. */
export const AlarmOut = z.object({
  id: z.number(),
  kind: AlarmKindEnum,
  kindName: z.string(),
  enterprise: z.object({ id: z.number(), creditCode: z.string(), name: z.string() }).nullable(),
  county: z.string().nullable().describe('县级行政区划代码'),
  outletId: z.number().nullable(),
  outletCode: z.string().nullable(),
  lineId: z.number().nullable(),
  pollutant: z.string().nullable().describe('HJ 212 污染物代码；整个排放口或生产线的告警为 null'),
  status: AlarmStatusEnum,
  active: z.boolean().describe('最近一次计算时告警条件是否仍然存在'),
  openedAt: z.number(),
  firstSeen: z.number().describe('首次出现的小时（起始时刻，UTC 毫秒）'),
  lastSeen: z.number().describe('最近出现的小时（起始时刻，UTC 毫秒）'),
  count: z.number().describe('累计出现的小时数（重复告警合并计数）'),
  detail: z.record(z.string(), z.unknown()),
  level: z.number().describe('0 企业处理、1 已提级至县区、2 已提级至市大气办'),
  escalateAt: z.number().nullable(),
  ackedBy: z.string().nullable(),
  ackedAt: z.number().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.number().nullable(),
  closeReason: z.enum(reasons).nullable(),
  closeText: z.string().nullable(),
});

/** The inbox page and the counts by county (for the overview). */
export const AlarmList = z.object({
  total: z.number(),
  items: z.array(AlarmOut),
  counts: z.array(
    z.object({
      county: z.string().nullable(),
      open: z.number(),
      acknowledged: z.number(),
      closed: z.number(),
    }),
  ),
});

/** An evidence file. */
export const EvidenceOut = z.object({
  id: z.number(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
});

/** An event of an alarm. */
export const AlarmEventOut = z.object({
  id: z.number(),
  at: z.number(),
  action: z
    .string()
    .describe(
      'opened 产生、cleared 恢复、recurred 再次出现、acknowledged 确认、explained 说明、escalated 提级、closed 关闭',
    ),
  actor: z.string(),
  role: z.string().nullable(),
  text: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  evidence: z.array(EvidenceOut),
});

/** An alarm with its history. */
export const AlarmDetail = AlarmOut.extend({ events: z.array(AlarmEventOut) });

export const AlarmParams = z.object({ id: z.coerce.number().int().positive() });
export const EvidenceParams = AlarmParams.extend({
  evidenceId: z.coerce.number().int().positive(),
});

const note = z.string().trim().min(1).max(2000);

/** Acknowledging: an optional note. */
export const AckBody = z.object({ text: note.optional() }).default({});

/** Closing: a reason and what was done. */
export const CloseBody = z.object({
  reason: z.enum(reasons).describe(
    Object.entries(CLOSE_REASONS)
      .map(([k, v]) => `${k} ${v}`)
      .join('、'),
  ),
  text: note.describe('处理情况说明'),
});
