/** zod shapes of the compliance API (/api/warnings/violations…, …/compliance/run), in the OpenAPI document. */
import { z } from 'zod';
import { ErrorBody } from '../../http/error-body.ts';

/** Error answers of the compliance routes. */
export const complianceErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Names of the violation kinds, in Chinese. */
export const VIOLATION_KIND_NAMES = {
  'not-cutting': '未按清单减排',
  'line-running': '应停产线仍在运行',
  'banned-truck': '禁止车辆进出（门禁记录）',
} as const;

/** Names of the violation statuses, in Chinese. */
export const VIOLATION_STATUS_NAMES = {
  open: '待交办',
  assigned: '已交办',
  closed: '已办结',
} as const;

const KindEnum = z
  .enum(['not-cutting', 'line-running', 'banned-truck'])
  .describe(
    'not-cutting 未按清单减排、line-running 应停产线仍在运行、banned-truck 禁止车辆进出（门禁记录）',
  );
const StatusEnum = z
  .enum(['open', 'assigned', 'closed'])
  .describe('open 待交办、assigned 已交办县区、closed 已办结');
const Adcode = z.string().regex(/^\d{6}$/);

/** Filters of the violations list. */
export const ViolationQuery = z.object({
  episode: z.coerce.number().int().positive().optional().describe('预警过程编号'),
  status: StatusEnum.optional(),
  kind: KindEnum.optional(),
  county: Adcode.optional().describe('企业所在县级行政区划代码'),
  enterprise: z.string().min(1).max(18).optional().describe('企业统一社会信用代码'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** One violation. */
export const ViolationOut = z.object({
  id: z.number(),
  episodeId: z.number(),
  episode: z.object({ region: z.string(), level: z.string() }),
  enterprise: z.object({
    id: z.number(),
    creditCode: z.string(),
    name: z.string(),
    county: z.string(),
  }),
  kind: KindEnum,
  kindName: z.string(),
  windowFrom: z.number().describe('证据时段起（UTC 毫秒）'),
  windowTo: z.number().describe('证据时段止（UTC 毫秒，不含）'),
  evidence: z
    .record(z.string(), z.unknown())
    .describe('证据：基准、应减、实测、有效小时或产线运行小时'),
  status: StatusEnum,
  statusName: z.string(),
  assignedTo: z.string().nullable(),
  assignedBy: z.string().nullable(),
  assignedAt: z.number().nullable(),
  findings: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** The violations list. */
export const ViolationList = z.object({
  total: z.number(),
  counts: z.object({ open: z.number(), assigned: z.number(), closed: z.number() }),
  items: z.array(ViolationOut),
});

export const ViolationParams = z.object({ id: z.coerce.number().int().positive() });
export const EpisodeParams = z.object({ id: z.coerce.number().int().positive() });

/** Assigning a violation to a county for inspection. */
export const AssignBody = z.object({
  county: Adcode.optional().describe('交办的县级行政区划代码（默认企业所在县区）'),
});

/** Closing a violation with the inspection's findings. */
export const CloseBody = z.object({
  findings: z.string().trim().min(1).max(2000).describe('核查情况'),
});

/** What a run did. */
export const RunResult = z.object({
  edition: z.string().describe('检查规则版本'),
  episodes: z.number(),
  enterprises: z.number(),
  checks: z.number().describe('判定的污染物日数与检查的产线日数'),
  opened: z.number(),
  updated: z.number(),
});

/** An episode as the compliance tab lists it, with its violations by status. */
export const ComplianceEpisode = z.object({
  id: z.number(),
  region: z.string(),
  regionName: z.string().nullable(),
  level: z.string(),
  status: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  liftedOn: z.string().nullable(),
  violations: z.object({ open: z.number(), assigned: z.number(), closed: z.number() }),
});

export const ComplianceEpisodeList = z.object({ items: z.array(ComplianceEpisode) });
