/** zod schemas of the enterprise registry API (/api/sources/enterprises…). */
import { z } from 'zod';

/** Fields of an enterprise; domain checks (stable codes) happen in rules/enterprise-input.ts. */
const EnterpriseFields = z.object({
  name: z.string().describe('企业名称'),
  regionAdcode: z.string().describe('所在县（市、区）行政区划代码'),
  address: z.string().nullable().optional(),
  lon: z.number().nullable().optional().describe('经度（WGS-84）'),
  lat: z.number().nullable().optional().describe('纬度（WGS-84）'),
  industry: z.string().describe('行业代码或中文名（data/sources/industries.json）'),
  categories: z
    .array(z.string())
    .optional()
    .describe(
      '管控类别：ultra_low 超低排放重点企业、kiln 工业炉窑、powder 粉状物料、voc VOCs重点、ldar LDAR、gas_boiler 燃气锅炉',
    ),
  grade: z.string().nullable().optional().describe('绩效等级：A+、A、lead（引领性）、B、B-、C、D'),
  gradeEdition: z.string().nullable().optional().describe('分级依据版本：2020 或 2026'),
  gradeDate: z.string().nullable().optional().describe('评级日期 YYYY-MM-DD'),
  positiveList: z.boolean().optional().describe('列入正面清单'),
  positiveReason: z.string().nullable().optional(),
  positiveUntil: z.string().nullable().optional().describe('正面清单有效期至 YYYY-MM-DD'),
  guarantee: z.boolean().optional().describe('保障类企业'),
  guaranteeReason: z.string().nullable().optional(),
  guaranteeUntil: z.string().nullable().optional(),
  keyDischarger: z.boolean().optional().describe('重点排污单位（须安装在线监测）'),
});

/** Body of POST /api/sources/enterprises. */
export const EnterpriseCreateBody = EnterpriseFields.extend({
  creditCode: z.string().describe('统一社会信用代码（18 位，GB 32100）'),
});

/** Body of PATCH /api/sources/enterprises/:code (only the fields given change). */
export const EnterprisePatchBody = EnterpriseFields.partial();

/** Query of GET /api/sources/enterprises. */
export const EnterpriseQuery = z.object({
  county: z.string().optional().describe('县（市、区）行政区划代码（含下级）'),
  industry: z.string().optional().describe('行业代码'),
  grade: z.string().optional().describe('绩效等级'),
  category: z.string().optional().describe('管控类别'),
  q: z.string().optional().describe('名称或信用代码的一部分'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const CodeParams = z.object({ code: z.string().describe('统一社会信用代码') });

export const LineParams = CodeParams.extend({ line: z.string().describe('生产线编码') });
export const FacilityParams = CodeParams.extend({ facility: z.string().describe('治污设施编码') });
export const OutletParams = CodeParams.extend({ outlet: z.string().describe('排放口编码') });
export const LimitParams = OutletParams.extend({
  pollutant: z.string().describe('污染物 HJ 212 编码（如 a21026）'),
});

/** Body of POST …/lines; PATCH takes the same fields but the code, all optional. */
export const LineBody = z.object({
  code: z.string(),
  name: z.string(),
  process: z.string().nullable().optional().describe('工艺（如 烧结机、焦炉、水泥窑）'),
  capacity: z.string().nullable().optional().describe('产能（带单位，如 360 m²）'),
});
export const LinePatchBody = LineBody.omit({ code: true }).partial();

/** Body of POST …/facilities. */
export const FacilityBody = z.object({
  code: z.string(),
  name: z.string(),
  kind: z
    .string()
    .describe('desulphurisation 脱硫、denitration 脱硝、dust 除尘、voc VOCs治理、other 其他'),
  line: z.string().nullable().optional().describe('所服务的生产线编码'),
});
export const FacilityPatchBody = FacilityBody.omit({ code: true }).partial();

const LimitFields = z.object({
  limit: z.number().describe('限值，mg/m³（基准氧含量下，小时均值）'),
  refO2: z.number().nullable().optional().describe('基准氧含量 %（空：用排放口的）'),
  basis: z.string().describe('依据（文件号）'),
});

/** Body of PUT …/limits/:pollutant. */
export const LimitBody = LimitFields;

/** Body of POST …/outlets. */
export const OutletBody = z.object({
  code: z.string().describe('排放口编码（全市唯一）'),
  name: z.string().nullable().optional(),
  kind: z
    .string()
    .optional()
    .describe('flue_gas 烟气（ST=31）、voc VOCs（ST=27）、dust 扬尘（ST=39）'),
  heightM: z.number().nullable().optional().describe('排气筒高度 m'),
  pollutants: z.array(z.string()).optional().describe('监测因子（HJ 212-2017 编码）'),
  refO2: z.number().nullable().optional().describe('基准氧含量 %'),
  mustReport: z.boolean().optional().describe('须按小时上报（缺数告警）'),
  line: z.string().nullable().optional().describe('生产线编码'),
  mns: z
    .array(z.string())
    .optional()
    .describe('为其上报的 HJ 212 设备 MN（设备须已登记；已为其他企业排放口上报的设备不能挂接）'),
  limits: z
    .array(LimitFields.extend({ pollutant: z.string() }))
    .optional()
    .describe('限值（覆盖行业默认）'),
});
export const OutletPatchBody = OutletBody.omit({ code: true }).partial();

const LimitOut = z.object({
  pollutant: z.string(),
  limit: z.number(),
  refO2: z.number().nullable(),
  basis: z.string(),
  updatedAt: z.number(),
});

export const LineOut = z.object({
  code: z.string(),
  name: z.string(),
  process: z.string().nullable(),
  capacity: z.string().nullable(),
});

export const FacilityOut = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  line: z.string().nullable(),
});

export const OutletOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  heightM: z.number().nullable(),
  pollutants: z.array(z.string()),
  refO2: z.number().nullable(),
  mustReport: z.boolean(),
  line: z.string().nullable(),
  mns: z.array(z.string()),
  limits: z.array(LimitOut),
});

export const EnterpriseOut = z.object({
  creditCode: z.string(),
  name: z.string(),
  regionAdcode: z.string(),
  regionName: z.string().nullable(),
  address: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  industry: z.string(),
  industryName: z.string(),
  categories: z.array(z.string()),
  grade: z.string().nullable(),
  gradeEdition: z.string().nullable(),
  gradeDate: z.string().nullable(),
  positiveList: z.boolean(),
  positiveReason: z.string().nullable(),
  positiveUntil: z.string().nullable(),
  guarantee: z.boolean(),
  guaranteeReason: z.string().nullable(),
  guaranteeUntil: z.string().nullable(),
  keyDischarger: z.boolean(),
  simulated: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const EnterprisePage = z.object({ total: z.number(), items: z.array(EnterpriseOut) });

export const EnterpriseDetail = EnterpriseOut.extend({
  lines: z.array(LineOut),
  facilities: z.array(FacilityOut),
  outlets: z.array(OutletOut),
});

/** What a registry import did. */
export const RegistryImportOut = z.object({
  enterprises: z.object({ created: z.number(), updated: z.number() }),
  outlets: z.object({ created: z.number(), updated: z.number(), linked: z.number() }),
});

export const ExportQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  form: z
    .enum(['enterprises', 'outlets'])
    .default('enterprises')
    .describe('CSV 时选择哪一张表：enterprises 企业表、outlets 排放口表（xlsx 含两张）'),
});
