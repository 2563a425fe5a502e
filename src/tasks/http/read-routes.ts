/** Read routes: departments, measures, dispatch rows with status, reports and their attachments. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LantianError } from '../../errors.ts';
import { attachmentsOf, findReport, listReports } from '../report-repo.ts';
import { PARTICIPANTS, TAGS, taskActorOf, type TaskRouteDeps } from './route-support.ts';
import {
  AttachmentParams,
  errors,
  IdParams,
  MeasuresQuery,
  NumberParams,
  PlanQuery,
  ReportsQuery,
  RowsQuery,
} from '../schema.ts';
import { evaluateRows, selectRows, statusCounts, todayOf } from '../status-service.ts';
import { loadTaskContext } from '../task-context.ts';
import {
  DepartmentOut,
  MeasureDetailOut,
  MeasureOut,
  ReportOut,
  RowsOut,
} from '../response-schema.ts';
import { rowScopeProblem } from '../rules/row-scope.ts';
import { measureView, reportView, rowView } from '../task-views.ts';
import { readAttachment, uploadView } from '../upload-service.ts';

const READ = { access: { roles: PARTICIPANTS } };

/** Registers the read routes. */
export function registerReadRoutes(
  app: FastifyInstance,
  { db, clock, config, blobs }: TaskRouteDeps,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/tasks/departments',
    {
      config: READ,
      schema: {
        summary: '责任部门名录',
        tags: TAGS,
        querystring: PlanQuery,
        response: { 200: z.array(DepartmentOut), ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.query.plan);
      const leads = new Map<string, number>();
      for (const m of c.plan.measures.filter((x) => x.leaf))
        for (const d of m.departments) leads.set(d, (leads.get(d) ?? 0) + 1);
      return c.plan.departments.map((d) => ({
        ...d,
        aliases: [...d.aliases],
        measures: leads.get(d.code) ?? 0,
      }));
    },
  );

  r.get(
    '/api/tasks/measures',
    {
      config: READ,
      schema: {
        summary: '重点任务（含子任务、目标、节点、责任单位）',
        tags: TAGS,
        querystring: MeasuresQuery,
        response: { 200: z.array(MeasureOut), ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.query.plan);
      let ms = c.plan.measures;
      if (req.query.campaign) ms = ms.filter((m) => m.campaign === req.query.campaign);
      if (req.query.dept) {
        const d = c.registry.resolve(req.query.dept);
        if (!d) throw new LantianError('LT_ERR_DEPARTMENT_NOT_FOUND', req.query.dept);
        ms = ms.filter((m) => m.departments.some((x) => c.registry.covers(d.code, x)));
      }
      return ms.map((m) => measureView(m, c));
    },
  );

  r.get(
    '/api/tasks/measures/:number',
    {
      config: READ,
      schema: {
        summary: '一项重点任务及其各单位状态',
        tags: TAGS,
        params: NumberParams,
        querystring: PlanQuery,
        response: { 200: MeasureDetailOut, ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.query.plan);
      const m = c.measure(req.params.number);
      const rows = await evaluateRows(
        db,
        config,
        c,
        todayOf(clock, config),
        { measure: m.number },
        taskActorOf(req),
      );
      return {
        ...measureView(m, c),
        statusCounts: statusCounts(rows).get(m.number) ?? null,
        rows: rows.map(rowView),
      };
    },
  );

  r.get(
    '/api/tasks/rows',
    {
      config: READ,
      schema: {
        summary: '调度行（任务 × 责任单位）及其状态；县区只见本辖区，部门只见牵头任务',
        tags: TAGS,
        querystring: RowsQuery,
        response: { 200: RowsOut, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const c = await loadTaskContext(db, q.plan);
      const date = q.date ?? todayOf(clock, config);
      const rows = await evaluateRows(
        db,
        config,
        c,
        date,
        { status: q.status, dept: q.dept, unit: q.unit, measure: q.measure },
        taskActorOf(req),
      );
      return { plan: c.plan.plan, date, count: rows.length, rows: rows.map(rowView) };
    },
  );

  r.get(
    '/api/tasks/reports',
    {
      config: READ,
      schema: {
        summary: '进展报告（各版本）',
        tags: TAGS,
        querystring: ReportsQuery,
        response: { 200: z.array(ReportOut), ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.query.plan);
      const rows = selectRows(
        c,
        { measure: req.query.measure, unit: req.query.unit },
        taskActorOf(req),
      );
      const visible = new Set(rows.map((x) => `${x.measure.number}|${x.unit}`));
      const reports = (
        await listReports(db, {
          plan: c.plan.plan,
          numbers: [...new Set(rows.map((x) => x.measure.number))],
        })
      ).filter((x) => visible.has(`${x.number}|${x.unit_adcode}`));
      const att = await attachmentsOf(
        db,
        reports.map((x) => x.id),
      );
      return reports.map((x) =>
        reportView(x, (att.get(x.id) ?? []).map(uploadView), c.unitName(x.unit_adcode)),
      );
    },
  );

  r.get(
    '/api/tasks/reports/:id',
    {
      config: READ,
      schema: {
        summary: '一份进展报告',
        tags: TAGS,
        params: IdParams,
        querystring: PlanQuery,
        response: { 200: ReportOut, ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.query.plan);
      const rep = await findReport(db, req.params.id);
      if (!rep || rep.plan !== c.plan.plan)
        throw new LantianError('LT_ERR_REPORT_NOT_FOUND', `#${req.params.id}`);
      const problem = rowScopeProblem(
        taskActorOf(req).principal,
        c.measure(rep.number),
        c.ancestry(rep.unit_adcode),
        c.registry,
        c.unitName(rep.unit_adcode),
      );
      if (problem) throw new LantianError('LT_ERR_OUT_OF_SCOPE', problem);
      const att = await attachmentsOf(db, [rep.id]);
      return reportView(rep, (att.get(rep.id) ?? []).map(uploadView), c.unitName(rep.unit_adcode));
    },
  );

  r.get(
    '/api/tasks/reports/:id/attachments/:uploadId',
    {
      config: READ,
      schema: {
        summary: '下载进展报告的附件',
        tags: TAGS,
        params: AttachmentParams,
        querystring: PlanQuery,
      },
    },
    async (req, reply) => {
      const c = await loadTaskContext(db, req.query.plan);
      const { upload, data } = await readAttachment(
        db,
        blobs,
        c,
        taskActorOf(req),
        req.params.id,
        req.params.uploadId,
      );
      return reply
        .type(upload.mediaType)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(upload.filename)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );
}
