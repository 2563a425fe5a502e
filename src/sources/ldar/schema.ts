/** zod schemas of the LDAR API (/api/sources/…/ldar). */
import { z } from 'zod';

/** Path of an enterprise. */
export const LdarEnterpriseParams = z.object({
  code: z.string().describe('企业统一社会信用代码'),
});

/** Path of one round. */
export const RoundParams = LdarEnterpriseParams.extend({
  year: z.coerce.number().int().describe('年度'),
  round: z.coerce.number().int().describe('轮次'),
});

/** Optional year filter. */
export const YearQuery = z.object({
  year: z.coerce.number().int().optional().describe('年度（不填为全部）'),
});

/** Query of the export. */
export const ExportQuery = YearQuery.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx').describe('xlsx（默认）或 csv'),
});

/** Body of POST …/ldar; checks (stable codes) in rules/ldar-rules.ts. */
export const RoundBody = z.object({
  year: z.number().describe('年度'),
  round: z.number().describe('轮次（年内第几轮）'),
  periodFrom: z.string().describe('检测开始日期 YYYY-MM-DD'),
  periodTo: z.string().describe('检测结束日期 YYYY-MM-DD'),
  components: z.number().describe('检测密封点数'),
  leaks: z.number().describe('发现泄漏点数'),
  repairedOnTime: z.number().describe('按期修复数'),
  repairedLate: z.number().describe('延期修复数'),
  unrepaired: z.number().describe('未修复数'),
  notes: z.string().nullable().optional().describe('备注'),
});

/** Body of PATCH …/ldar/:year/:round (only the fields given change). */
export const RoundPatchBody = RoundBody.omit({ year: true, round: true }).partial();

const Rates = {
  repairRate: z.number().nullable().describe('修复率：（按期 + 延期修复）/ 泄漏点数；无泄漏时为空'),
  onTimeRate: z.number().nullable().describe('按期修复率：按期修复 / 泄漏点数；无泄漏时为空'),
};

/** A round. */
export const RoundOut = RoundBody.extend({ notes: z.string().nullable(), ...Rates });

/** Totals of rounds. */
export const SummaryOut = z.object({
  rounds: z.number(),
  components: z.number(),
  leaks: z.number(),
  repairedOnTime: z.number(),
  repairedLate: z.number(),
  unrepaired: z.number(),
  ...Rates,
});

/** An enterprise's rounds. */
export const EnterpriseLdarOut = z.object({
  enterprise: z.object({ code: z.string(), name: z.string() }),
  rounds: z.array(RoundOut),
  summary: SummaryOut,
});

/** The city list. */
export const LdarListOut = z.array(
  z.object({
    code: z.string(),
    name: z.string(),
    regionAdcode: z.string(),
    summary: SummaryOut,
  }),
);

/** What an import did. */
export const LdarImportOut = z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
});
