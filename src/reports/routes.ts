/**
 * HTTP routes of the reports: GET /api/plans/{id}/reports/monthly answers the monthly bulletin's
 * tables (the same as the Excel sheets). The URL sits under the plan it reports on; the route is
 * the reports domain's, so that plan never imports reports.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, MonthQuery, PlanIdParams } from '../plan/schema.ts';
import type { Db } from '../store/db.ts';
import { buildMonthlyReport } from './monthly-report.ts';
import { MonthlyTablesOut } from './schema.ts';

/** What the report routes are built from. */
export interface ReportDeps {
  db: Db;
}

const tags = ['工作方案'];
/**
 * The city office and departments read the bulletin's tables: they are the office's working paper
 * (draft notices of every unit, any plan version). A county reads the bulletin once issued, as a
 * notice (GET /api/plans/{id}/notices; issue 15).
 */
const READERS = { access: { roles: ['city-admin', 'department'] } } as const;

/** Registers the report routes. */
export function registerReportRoutes(app: FastifyInstance, { db }: ReportDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/plans/:id/reports/monthly',
    {
      config: READERS,
      schema: {
        summary: '月度通报的各张表（与 Excel 各工作表相同；县区在通报下发后通过通知查看）',
        tags,
        params: PlanIdParams,
        querystring: MonthQuery,
        response: { 200: MonthlyTablesOut, ...errors },
      },
    },
    async (req) => {
      const rep = await buildMonthlyReport(db, req.params.id, req.query.month, {
        ...(req.query.version !== undefined ? { version: req.query.version } : {}),
      });
      return { plan: rep.plan, period: rep.period, tables: rep.tables, simulated: rep.simulated };
    },
  );
}
