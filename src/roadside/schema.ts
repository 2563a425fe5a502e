/**
 * Request and response shapes of remote sensing, black-smoke capture and roadside checks
 * (docs/mobile-sources.md): devices, the device endpoint's record, records, over-standard
 * events, imports and the monthly station ranking.
 */
import { z } from 'zod';
import { DEVICE_KINDS } from './rules/failure-events.ts';
import { POLLUTANTS } from './rules/limits.ts';

const Kind = z.enum(DEVICE_KINDS);
const PollutantE = z.enum(POLLUTANTS);

/** A device registration. */
export const DeviceBody = z
  .object({
    code: z.string().min(1).max(32).describe('设备编号（字母、数字、下划线、连字符）'),
    name: z.string().min(1).max(60),
    kind: Kind.describe(
      'remote-sensing 遥感监测点 | black-smoke 黑烟抓拍 | roadside-check 路检路查',
    ),
    region: z
      .string()
      .regex(/^\d{6}$/)
      .describe('所在县（市、区）行政区划代码'),
    location: z.string().min(1).max(100),
    lon: z.number().min(-180).max(180).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
  })
  .strict();

/** A device as shown. */
export const DeviceOut = z.object({
  code: z.string(),
  name: z.string(),
  kind: Kind,
  region: z.string(),
  regionName: z.string().nullable(),
  location: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  tokenHint: z.string(),
  createdAt: z.number(),
});
export const DevicesOut = z.object({ devices: z.array(DeviceOut) });
export const DeviceCreatedOut = z.object({
  device: DeviceOut,
  token: z.string().describe('设备上报凭证（Authorization: Bearer），只显示这一次，请立即保存'),
});

export const DeviceParams = z.object({ code: z.string().min(1).max(32) });

const Value = z
  .union([z.number(), z.string().max(32)])
  .nullable()
  .optional();

/** A record posted by a device (photos as base64 inside the JSON). */
export const RecordBody = z
  .object({
    recordId: z
      .string()
      .max(64)
      .nullable()
      .optional()
      .describe('设备自身的记录编号（重复上报不重复入库）'),
    time: z
      .string()
      .min(1)
      .max(40)
      .describe('监测时间：YYYY-MM-DD HH:mm:ss（北京时间）或带时区的 ISO 8601'),
    place: z.string().max(100).nullable().optional(),
    plate: z.string().min(1).max(16),
    plateColour: z.string().min(1).max(8).describe('黄、蓝、绿、黄绿、白、黑'),
    vin: z.string().max(17).nullable().optional(),
    values: z
      .object({ CO: Value, HC: Value, NO: Value, opacity: Value, ringelmann: Value })
      .strict()
      .describe('CO(%)、HC(ppm)、NO(ppm)、opacity 光吸收系数(m⁻¹)、ringelmann 林格曼黑度(级)'),
    verdict: z.string().max(8).nullable().optional().describe('设备结论：合格 / 不合格'),
    photos: z
      .array(
        z
          .object({ name: z.string().min(1).max(100), data: z.string().describe('图片的 base64') })
          .strict(),
      )
      .max(8)
      .optional()
      .describe('照片（JPEG、PNG、WebP），base64 编码'),
  })
  .strict();

export const RecordPostedOut = z.object({
  id: z.number(),
  failing: z.array(z.string()),
  duplicate: z.boolean().describe('该记录编号此前已上报，本次未重复入库'),
});

/** A record as shown. */
export const RecordOut = z.object({
  id: z.number(),
  device: z.string(),
  deviceName: z.string(),
  kind: Kind,
  region: z.string(),
  at: z.number(),
  place: z.string(),
  plate: z.string(),
  plateColour: z.string(),
  vin: z.string().nullable(),
  values: z.object({
    CO: z.number().nullable(),
    HC: z.number().nullable(),
    NO: z.number().nullable(),
    opacity: z.number().nullable(),
    ringelmann: z.number().nullable(),
  }),
  deviceVerdict: z.enum(['pass', 'fail']).nullable(),
  failing: z.array(PollutantE),
  ruleVersion: z.string(),
  photos: z.array(z.string()),
  origin: z.enum(['http', 'import']),
});
export const RecordsOut = z.object({ records: z.array(RecordOut) });

export const RecordsQuery = z.object({
  from: z.coerce.number().int().describe('起始时间（UTC 毫秒，含）'),
  to: z.coerce.number().int().describe('截止时间（UTC 毫秒，不含）'),
  kind: Kind.optional(),
  plate: z.string().max(16).optional(),
  failed: z.enum(['true', 'false']).optional().describe('true：只看超标记录'),
  limit: z.coerce.number().int().min(1).max(2000).optional(),
});

export const PeriodQuery = z.object({
  from: z.coerce.number().int(),
  to: z.coerce.number().int(),
});

/** An over-standard event. */
export const EventOut = z.object({
  plate: z.string(),
  plateColour: z.string(),
  vin: z.string().nullable(),
  at: z.number(),
  kind: Kind,
  pollutant: PollutantE,
  recordIds: z.array(z.number()),
});
export const OverStandardOut = z.object({ ruleVersion: z.string(), events: z.array(EventOut) });

export const RecordImportOut = z.object({
  rows: z.number(),
  created: z.number(),
  duplicates: z.number(),
  failed: z.number(),
});
export const InspectionImportOut = z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
});

export const MonthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .describe('月份 YYYY-MM（北京时间）'),
});

const StationRankOut = z.object({
  rank: z.number(),
  stationCode: z.string(),
  stationName: z.string(),
  vehicles: z.number(),
});

/** The monthly trace-back and ranking. */
export const RankingOut = z.object({
  month: z.string(),
  ruleVersion: z.string(),
  vehicles: z.number(),
  traced: z.number(),
  ranking: z.array(StationRankOut),
  named: z.array(StationRankOut),
  traces: z.array(
    z.object({
      plate: z.string(),
      plateColour: z.string(),
      vin: z.string().nullable(),
      at: z.number(),
      kind: Kind,
      pollutant: PollutantE,
      recordIds: z.array(z.number()),
      stationCode: z.string().nullable(),
      stationName: z.string().nullable(),
      serial: z.string().nullable(),
      inspectedAt: z.number().nullable(),
      days: z.number().nullable(),
    }),
  ),
});

export const PhotoParams = z.object({ sha256: z.string().max(64) });
