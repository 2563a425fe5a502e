/**
 * zod shapes of the CEMS and compliance API (/api/sources/…): hours of an outlet, compliance of an
 * enterprise and of the city, the compliance calendar and permitted amounts. The dashboard's
 * types are inferred from them (web/src/api/types.ts).
 */
import { z } from 'zod';

const n = z.number().nullable();

/** 'YYYY-MM' in a query. */
const MonthField = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('月份 YYYY-MM');

/** A credit code in a path. */
export const EnterpriseParams = z.object({ code: z.string().min(1).describe('统一社会信用代码') });
/** An outlet id in a path. */
export const OutletParams = z.object({
  id: z.coerce.number().int().positive().describe('排放口 id'),
});
/** ?from&to, days YYYY-MM-DD, both inclusive. */
export const HoursQuery = z.object({
  from: z.string().optional().describe('起始日期 YYYY-MM-DD（含；默认昨天）'),
  to: z.string().optional().describe('结束日期 YYYY-MM-DD（含；默认今天）'),
});
/** ?month (default: the running month). */
export const MonthQuery = z.object({ month: MonthField.optional() });
/** ?month&category&region for the city list. */
export const CityComplianceQuery = z.object({
  month: MonthField.optional(),
  category: z.string().optional().describe('管控类别（如 ultra_low）；缺省为全部有排放口的企业'),
  region: z.string().optional().describe('区县行政区划代码'),
});

/** The rules and configuration a result was computed with. */
export const CemsRulesOut = z.object({
  edition: z.string().describe('数据有效性与折算规则版本'),
  limits: z.string().describe('限值配置版本（data/sources/ultra-low-limits.json）'),
  stable: z.object({ minShare: z.number(), noDayMeanOver: z.boolean(), basis: z.string() }),
  unknownFlags: z.enum(['valid', 'invalid']),
});

/** The limit one pollutant of an outlet is judged against. */
export const LimitOut = z.object({
  pollutant: z.string(),
  limit: n.describe('小时均值限值 mg/m³（折算到基准氧）'),
  refO2: n,
  source: z.string().describe("'override' | 'sector:<id>' | 'none'"),
  basis: z.string().nullable(),
});

const Status = z.enum(['ok', 'over', 'invalid', 'no_limit']);
const Verdict = z.enum(['stable', 'not_stable', 'no_data', 'no_limit']);
const DayStatus = z.enum(['ok', 'over', 'invalid', 'none']);

/** One hour of one pollutant. */
export const CemsHourOut = z.object({
  pollutant: z.string(),
  hour: z.number().describe('小时起点 epoch ms'),
  day: z.string(),
  avg: n.describe('实测小时均值'),
  zsDevice: n.describe('设备上报折算值（-ZsAvg）'),
  zsCalc: n.describe('蓝天按含氧量计算的折算值'),
  o2: n,
  value: n.describe('参与判定的值'),
  basis: z.enum(['device', 'calculated', 'measured']).nullable(),
  limit: n,
  status: Status,
  over: z.boolean(),
  valid: z.boolean(),
  flag: z.string().nullable(),
  origin: z.string(),
  minutes: n,
  cou: n.describe('小时排放量 kg'),
});

/** GET /api/sources/outlets/:id/hours. */
export const OutletHoursOut = z.object({
  outlet: z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    enterprise: z.string().nullable().describe('统一社会信用代码'),
  }),
  from: z.string(),
  to: z.string(),
  rules: CemsRulesOut,
  limits: z.array(LimitOut),
  hours: z.array(CemsHourOut),
});

const Counts = {
  valid: z.number().int(),
  invalid: z.number().int(),
  over: z.number().int(),
  rate: n.describe('达标率 0–1（有效小时中未超标的比例）'),
};

/** One day of one outlet's pollutant. */
export const ComplianceDayOut = z.object({
  day: z.string(),
  ...Counts,
  mean: n.describe('日均值（有效小时 ≥ 20）'),
  meanOver: z.boolean(),
  status: DayStatus,
  cou: n,
});

/** A month of one outlet's pollutant. */
export const PollutantComplianceOut = z.object({
  pollutant: z.string(),
  limit: LimitOut,
  ...Counts,
  missing: z.number().int().describe('无数据小时'),
  daysMeanOver: z.number().int(),
  verdict: Verdict,
  cou: n.describe('月排放量 kg'),
  days: z.array(ComplianceDayOut),
});

/** An emission amount against its permit. */
export const EmissionOut = z.object({
  outletCode: z.string().nullable().describe('排放口编码；null 为全厂合计'),
  pollutant: z.string(),
  monthKg: n,
  yearKg: n.describe('本年截至月末排放量 kg'),
  permittedKg: n.describe('年许可排放量 kg'),
  basis: z.string().nullable(),
  share: n.describe('本年排放量 / 许可量'),
});

/** GET /api/sources/enterprises/:code/compliance. */
export const EnterpriseComplianceOut = z.object({
  enterprise: z.object({
    creditCode: z.string(),
    name: z.string(),
    regionAdcode: z.string(),
    industry: z.string(),
  }),
  month: z.string(),
  rules: CemsRulesOut,
  ...Counts,
  verdict: Verdict,
  outlets: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      pollutants: z.array(PollutantComplianceOut),
    }),
  ),
  emissions: z.array(EmissionOut),
});

/** GET /api/sources/enterprises/:code/compliance/calendar. */
export const ComplianceCalendarOut = z.object({
  creditCode: z.string(),
  month: z.string(),
  rules: CemsRulesOut,
  days: z.array(z.object({ day: z.string(), status: DayStatus, ...Counts })),
});

/** GET /api/sources/compliance. */
export const CityComplianceOut = z.object({
  month: z.string(),
  rules: CemsRulesOut,
  enterprises: z.array(
    z.object({
      creditCode: z.string(),
      name: z.string(),
      regionAdcode: z.string(),
      industry: z.string(),
      outlets: z.number().int(),
      ...Counts,
      verdict: Verdict,
    }),
  ),
});

/** PUT /api/sources/enterprises/:code/permits. */
export const PermitBody = z.object({
  pollutant: z.string().min(1).describe('HJ 212 污染物编码（如 a21002）'),
  year: z.number().int().describe('年度（2000–2100）'),
  permittedKg: z.number().positive(),
  basis: z.string().min(1).max(200).describe('排污许可证编号等依据'),
  outletCode: z.string().optional().describe('排放口编码；缺省为全厂'),
});
