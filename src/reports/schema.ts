/**
 * zod shapes of the reports API: the monthly bulletin's tables as the dashboard and other clients
 * read them (the same tables as the Excel sheets and the PDF). Imports nothing but zod and other
 * schemas, so that the dashboard can import them as types.
 */
import { z } from 'zod';
import { SimulatedField } from '../air/schema.ts';
import { PeriodOut, PlanRefOut } from '../plan/schema.ts';

/** One table of the monthly bulletin (the same as an Excel sheet). */
export const ReportTableOut = z.object({
  name: z.string(),
  title: z.string(),
  columns: z.array(
    z.object({
      key: z.string(),
      header: z.string(),
      width: z.number(),
      decimals: z.number().optional(),
    }),
  ),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  fills: z.array(z.record(z.string(), z.string())).optional(),
  notes: z.array(z.string()).optional(),
});

/** GET /api/plans/{id}/reports/monthly. */
export const MonthlyTablesOut = z.object({
  plan: PlanRefOut,
  period: PeriodOut,
  tables: z.array(ReportTableOut),
  simulated: SimulatedField,
});
