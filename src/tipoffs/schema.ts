/** zod shapes of public reporting (/api/public/tipoffs…, /api/tipoffs…) and the exposure board. */
import { z } from 'zod';
import { ErrorBody } from '../http/error-body.ts';
import { TIPOFF_CATEGORIES } from './rules/categories.ts';

/** Error answers of the handling routes. */
export const tipoffErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** Error answers of the public submission. */
export const submitErrors = {
  400: ErrorBody,
  403: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
  429: ErrorBody,
};

const Category = z
  .enum(TIPOFF_CATEGORIES)
  .describe(
    'industrial 工业废气、dust 扬尘、burning 焚烧、vehicle 冒黑烟车辆、odour 异味、other 其他',
  );
const Status = z
  .enum(['received', 'assigned', 'handled', 'rejected'])
  .describe('received 待分派、assigned 核查中、handled 已办结、rejected 不予受理');
const Adcode = z.string().regex(/^\d{6}$/);
const text = (max: number) => z.string().trim().max(max);

/** The form fields of a public report (multipart fields; files in parts named `file`). */
export const TipoffForm = z.object({
  category: Category,
  description: text(1000).min(5, '请描述所见情况（至少 5 个字）'),
  lon: z.coerce.number().min(-180).max(180).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  crs: z
    .enum(['wgs84', 'gcj02'])
    .default('gcj02')
    .describe('坐标系：手机定位为 wgs84，地图选点为 gcj02'),
  address: text(200).optional(),
  contactName: text(40).optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '手机号或固定电话格式不正确')
    .optional(),
  challengeToken: z.string().max(200),
  challengeAnswer: z.string().max(10),
});
/** A parsed report form. */
export type TipoffFormInput = z.output<typeof TipoffForm>;

/** The arithmetic question. */
export const ChallengeOut = z.object({
  question: z.string(),
  token: z.string(),
  expiresAt: z.number(),
});

/** What the reporter gets back. */
export const SubmittedOut = z.object({
  code: z.string().describe('查询码：凭此码查询办理进度，请妥善保存'),
  county: z.string().nullable(),
  countyName: z.string().nullable(),
});

/** The tracking view: no personal data, no handler names. */
export const TrackOut = z.object({
  code: z.string(),
  category: Category,
  categoryName: z.string(),
  status: Status,
  statusName: z.string(),
  submittedAt: z.number(),
  deadlineAt: z.number().nullable(),
  handledAt: z.number().nullable(),
  resultName: z.string().nullable(),
  reply: z.string().nullable(),
  reward: z.enum(['proposed', 'approved', 'refused']).nullable(),
  steps: z.array(z.object({ at: z.number(), what: z.string() })),
});

export const CodeParams = z.object({
  code: z.string().regex(/^[A-Z2-9]{12}$/, '查询码为 12 位字母数字'),
});
export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

const FileOut = z.object({
  id: z.number(),
  stage: z.enum(['report', 'verification']),
  mediaType: z.string(),
  size: z.number(),
});

/** A case as handlers see it (with personal data). */
export const TipoffOut = z.object({
  id: z.number(),
  code: z.string(),
  category: Category,
  categoryName: z.string(),
  description: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  address: z.string().nullable(),
  suggestedCounty: z.string().nullable(),
  status: Status,
  statusName: z.string(),
  county: z.string().nullable(),
  department: z.string().nullable(),
  deadlineAt: z.number().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  result: z.enum(['confirmed', 'not_confirmed']).nullable(),
  finding: z.string().nullable(),
  reply: z.string().nullable(),
  handledAt: z.number().nullable(),
  reward: z
    .object({
      status: z.enum(['proposed', 'approved', 'refused']),
      amount: z.number().nullable(),
      rule: z.string().nullable(),
    })
    .nullable(),
  published: z.boolean(),
  publishPhotos: z.boolean(),
  createdAt: z.number(),
  /** Personal data: only in handler answers. */
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  ip: z.string(),
});

export const TipoffDetail = TipoffOut.extend({
  files: z.array(FileOut),
  timeline: z.array(
    z.object({
      at: z.number(),
      actor: z.string(),
      action: z.string(),
      note: z.string().nullable(),
    }),
  ),
});

export const InboxQuery = z.object({
  status: Status.optional(),
  category: Category.optional(),
  county: Adcode.optional(),
  escalated: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const InboxOut = z.object({ total: z.number(), items: z.array(TipoffOut) });

/** Triage by the city office: to a county, to a department, or not accepted. */
export const TriageBody = z
  .object({
    county: Adcode.optional(),
    department: z.string().trim().min(2).max(60).optional(),
    reject: text(500).min(2).optional().describe('不予受理的理由（回复举报人）'),
    deadlineDays: z.number().positive().max(60).optional().describe('不填按类别默认期限'),
  })
  .refine((b) => [b.county, b.department, b.reject].filter((x) => x !== undefined).length === 1, {
    message: '须且只能填写 county、department、reject 之一',
  });

/** Multipart fields of an on-site verification (photos in parts named `file`). */
export const VerifyForm = z.object({
  result: z.enum(['confirmed', 'not_confirmed']),
  finding: text(2000).min(2),
  reply: text(1000).min(2).describe('回复举报人（举报人凭查询码可见）'),
});

export const RewardDecisionBody = z.object({
  approve: z.boolean(),
  note: text(500).optional(),
});

export const PublicationBody = z.object({
  published: z.boolean(),
  photos: z.boolean().default(false),
});

export const StatsQuery = z.object({
  from: z.coerce.number().int().min(0).optional().describe('起（UTC 毫秒，含）'),
  to: z.coerce.number().int().min(0).optional().describe('止（UTC 毫秒，不含）'),
});

export const StatsOut = z.object({
  rows: z.array(
    z.object({
      unit: z.string(),
      unitKind: z.enum(['county', 'department', 'none']),
      category: Category,
      total: z.number(),
      handled: z.number(),
      open: z.number(),
      escalated: z.number(),
    }),
  ),
});

/** One case on the exposure board: no personal data. */
export const ExposureCase = z.object({
  id: z.number().describe('案例编号（不是查询码：查询码只给举报人）'),
  category: Category,
  categoryName: z.string(),
  countyName: z.string().nullable(),
  place: z.string().nullable(),
  description: z.string(),
  resultName: z.string().nullable(),
  reply: z.string().nullable(),
  publishedAt: z.number(),
  photos: z.array(z.number()).describe('可公开的照片编号'),
});

export const ExposureDocument = z.object({
  id: z.number(),
  title: z.string(),
  month: z.string(),
  url: z.string().nullable(),
  hasPdf: z.boolean(),
  publishedAt: z.number(),
});

export const ExposureOut = z.object({
  page: z.number(),
  pageSize: z.number(),
  casesTotal: z.number(),
  cases: z.array(ExposureCase),
  documentsTotal: z.number(),
  documents: z.array(ExposureDocument),
});

/** Multipart fields of a published document (optional PDF in a part named `file`). */
export const DocumentForm = z.object({
  title: text(200).min(2),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\//, '链接须以 http:// 或 https:// 开头')
    .optional(),
});
