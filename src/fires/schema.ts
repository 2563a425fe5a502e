/** zod shapes of the open-burning API (/api/fires…), shown in the OpenAPI document. */
import { z } from 'zod';
import { ErrorBody } from '../http/error-body.ts';
import { FIRE_OUTCOMES, FIRE_STATUSES } from './rules/outcomes.ts';

/** Error answers of the fire routes. */
export const fireErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const keys = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...Array<keyof T & string>];
const describe = (o: Record<string, string>) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v}`)
    .join('、');

export const FireOutcomeEnum = z.enum(keys(FIRE_OUTCOMES)).describe(describe(FIRE_OUTCOMES));
export const FireStatusEnum = z.enum(keys(FIRE_STATUSES)).describe(describe(FIRE_STATUSES));

const adcode = z.string().regex(/^\d{6}$/);
const instant = z.coerce.number().int().min(0).max(8_640_000_000_000_000);

/** Filters of the event list (and the map). */
export const FireEventQuery = z.object({
  status: FireStatusEnum.optional(),
  county: adcode.optional().describe('县级行政区划代码'),
  from: instant.optional().describe('首次发现时间下限（UTC 毫秒，含）'),
  to: instant.optional().describe('首次发现时间上限（UTC 毫秒，不含）'),
  limit: z.coerce.number().int().min(1).max(2000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** One fire event. */
export const FireEventOut = z.object({
  id: z.number(),
  county: z.string().describe('县级行政区划代码'),
  township: z.object({ code: z.string(), name: z.string() }).nullable(),
  lon: z.number().describe('WGS-84'),
  lat: z.number().describe('WGS-84'),
  firstSeen: z.number(),
  lastSeen: z.number(),
  month: z.string().describe('计入的月份（北京时间，YYYY-MM）'),
  observations: z.number().describe('合并的火点观测数'),
  sources: z.array(z.enum(['satellite', 'camera'])),
  status: FireStatusEnum,
  dispatchedAt: z.number(),
  deadlineAt: z.number(),
  escalatedAt: z.number().nullable(),
  answeredAt: z.number().nullable(),
  answeredBy: z.string().nullable(),
  outcome: FireOutcomeEnum.nullable(),
  answerText: z.string().nullable(),
  rules: z.record(z.string(), z.unknown()).describe('合并窗口、反馈时限和规则版本'),
});

/** A page of events. */
export const FireEventList = z.object({ total: z.number(), items: z.array(FireEventOut) });

/** One observation of a fire. */
export const FireObservationOut = z.object({
  id: z.number(),
  source: z.enum(['satellite', 'camera']),
  observedAt: z.number(),
  lon: z.number(),
  lat: z.number(),
  placement: z.enum(['inside', 'outside']),
  county: z.string().nullable(),
  township: z.string().nullable(),
  importId: z.number().nullable(),
  line: z.number().nullable(),
  cameraId: z.number().nullable(),
  satellite: z.string().nullable(),
  instrument: z.string().nullable(),
  confidence: z.string().nullable(),
  confidenceLevel: z.string().nullable(),
  brightness: z.number().nullable(),
  frp: z.number().nullable(),
  hasImage: z.boolean(),
});

/** An event with its observations, history and photos. */
export const FireEventDetail = FireEventOut.extend({
  observationList: z.array(FireObservationOut),
  log: z.array(
    z.object({
      at: z.number(),
      action: z
        .string()
        .describe('dispatched 派发、merged 合并观测、escalated 超时提级、answered 反馈'),
      actor: z.string(),
      detail: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  photos: z.array(
    z.object({
      id: z.number(),
      filename: z.string(),
      mediaType: z.string(),
      size: z.number(),
    }),
  ),
});

export const FireEventParams = z.object({ id: z.coerce.number().int().positive() });
export const FirePhotoParams = FireEventParams.extend({
  photoId: z.coerce.number().int().positive(),
});

/** What an import did. */
export const HotspotImportOut = z.object({
  importId: z.number(),
  rows: z.number(),
  accepted: z.number().describe('市域内、新导入的火点'),
  outside: z.number().describe('市域外的火点（仅记录，不派发）'),
  repeated: z.number().describe('已导入过的火点（不变）'),
  merged: z.number().describe('并入已有火情的火点'),
  newEvents: z.number().describe('新派发的火情'),
  errors: z.number(),
  issues: z.array(
    z.object({
      line: z.number(),
      code: z.string(),
      field: z.string().nullable(),
      detail: z.string(),
    }),
  ),
  dispatched: z.record(z.string(), z.number()).describe('按县区统计的新派发火情'),
});

/** One import in the log. */
export const FireImportOut = z.object({
  id: z.number(),
  fileName: z.string(),
  importedBy: z.string(),
  importedAt: z.number(),
  rows: z.number(),
  accepted: z.number(),
  outside: z.number(),
  repeated: z.number(),
  merged: z.number(),
  newEvents: z.number(),
  errors: z.number(),
});

/** An import with its issues and the points outside the city. */
export const FireImportDetail = FireImportOut.extend({
  issues: z.array(
    z.object({
      line: z.number(),
      code: z.string(),
      field: z.string().nullable(),
      detail: z.string(),
    }),
  ),
  outsidePoints: z.array(FireObservationOut),
});

export const FireImportParams = z.object({ id: z.coerce.number().int().positive() });

/** Registering a camera. */
export const CameraBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .describe('摄像机编号（字母、数字、_ . -）'),
  name: z.string().trim().min(1).max(100),
  lon: z.number().min(-180).max(180).describe('WGS-84 经度'),
  lat: z.number().min(-90).max(90).describe('WGS-84 纬度'),
});

/** A camera as listed. */
export const CameraOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  county: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  keyHint: z.string(),
  active: z.boolean(),
  createdAt: z.number(),
});

/** A camera just registered: its key, shown this once. */
export const CameraCreated = CameraOut.extend({
  key: z.string().describe('摄像机密钥，仅此一次显示；上报时放在 X-Lantian-Camera-Key 头中'),
});

/** What became of a camera alarm. */
export const CameraAlarmOut = z.object({
  result: z.enum(['new', 'merged', 'repeated']),
  eventId: z.number().nullable(),
  county: z.string().nullable(),
});

/** Monthly counts per unit. */
export const FireMonthlyQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .describe('起始月份 YYYY-MM'),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .describe('结束月份 YYYY-MM（含）'),
});

export const FireMonthlyOut = z.object({
  rows: z.array(
    z.object({
      county: z.string(),
      month: z.string(),
      events: z.number(),
      burning: z.number(),
      industrial: z.number(),
      falseAlarm: z.number(),
      open: z.number().describe('尚未反馈'),
      escalated: z.number().describe('曾超时提级'),
    }),
  ),
});
