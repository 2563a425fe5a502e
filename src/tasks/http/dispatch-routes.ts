/** Dispatch routes: the league table, reminders, warning notices, the daily run and the 调度表. */
import { ErrorBody } from '../../http/error-body.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addressee,
  draftWarning,
  league,
  noticesFor,
  remindersDue,
} from '../warning-notice-service.ts';
import { refreshRange } from '../refresh-service.ts';
import {
  DraftOut,
  LeagueOut,
  NoticeOut,
  RefreshDayOut,
  RemindersOut,
  SheetImportOut,
} from '../response-schema.ts';
import {
  CITY_OFFICE,
  PARTICIPANTS,
  readUploadedFile,
  TAGS,
  taskActorOf,
  type TaskRouteDeps,
} from './route-support.ts';
import { DateQuery, DraftQuery, errors, NoticeQuery, RefreshBody, SheetQuery } from '../schema.ts';
import { importDispatchSheet } from '../sheet-import-service.ts';
import { dispatchSheetXlsx } from '../sheet-export.ts';
import { evaluateRows, todayOf } from '../status-service.ts';
import type { NoticeFact } from '../rules/warning-notice-drafts.ts';
import { loadTaskContext } from '../task-context.ts';

/** Registers the dispatch routes. */
export function registerDispatchRoutes(
  app: FastifyInstance,
  { db, clock, config }: TaskRouteDeps,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { roles: PARTICIPANTS } };
  const city = { access: { roles: CITY_OFFICE } };

  r.get(
    '/api/tasks/league',
    {
      config: read,
      schema: {
        summary: '按期完成率排名（县区、部门）',
        tags: TAGS,
        querystring: DateQuery,
        response: { 200: LeagueOut, ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.query.plan);
      const date = req.query.date ?? todayOf(clock, config);
      return { date, ...(await league(db, config, c, date)) };
    },
  );

  r.get(
    '/api/tasks/reminders',
    {
      config: read,
      schema: {
        summary: '当日应发的节点到期提醒',
        tags: TAGS,
        querystring: DateQuery,
        response: { 200: RemindersOut, ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.query.plan);
      const date = req.query.date ?? todayOf(clock, config);
      const due = await remindersDue(db, config, c, date, taskActorOf(req));
      return {
        date,
        leadDays: [...config.reminderLeadDays],
        reminders: due.map((g) => ({
          addressee: g.to,
          items: g.reminders.map((x) => ({
            number: x.row.measure.number,
            title: x.row.measure.title,
            unit: x.row.unit,
            milestone: x.milestone.id,
            date: x.milestone.date,
            label: x.milestone.label,
            daysLeft: x.daysLeft,
          })),
        })),
      };
    },
  );

  r.get(
    '/api/tasks/notices',
    {
      config: read,
      schema: {
        summary: '已生成的预警通知函和提醒',
        tags: TAGS,
        querystring: NoticeQuery,
        response: { 200: z.array(NoticeOut), ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.query.plan);
      const rows = await noticesFor(db, c, taskActorOf(req), req.query);
      return rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        addresseeKind: n.addressee_kind,
        addressee: n.addressee,
        date: n.on_date,
        title: n.title,
        body: n.body,
        facts: JSON.parse(n.facts_json) as NoticeFact[],
        createdAt: n.created_at,
        createdBy: n.created_by,
      }));
    },
  );

  r.get(
    '/api/tasks/notices/draft',
    {
      config: city,
      schema: {
        summary: '为一个县区或部门起草预警通知函（不保存）',
        tags: TAGS,
        querystring: DraftQuery,
        response: { 200: DraftOut, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const c = await loadTaskContext(db, q.plan);
      const date = q.date ?? todayOf(clock, config);
      const to = addressee(c, q.unit, q.dept);
      return { date, addressee: to, draft: await draftWarning(db, config, c, to, date) };
    },
  );

  r.post(
    '/api/tasks/refresh',
    {
      config: city,
      schema: {
        summary: '逐日调度：计算状态、记录状态变化、生成预警通知函和提醒（同一日重复执行无变化）',
        tags: TAGS,
        body: RefreshBody,
        response: { 200: z.array(RefreshDayOut), ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.body.plan);
      const to = req.body.date ?? todayOf(clock, config);
      return refreshRange(db, config, c, taskActorOf(req), req.body.from ?? to, to, clock.now());
    },
  );

  r.get(
    '/api/tasks/sheet',
    {
      config: read,
      schema: { summary: '下载调度表（Excel）', tags: TAGS, querystring: SheetQuery },
    },
    async (req, reply) => {
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
      const xlsx = await dispatchSheetXlsx(c.plan, rows, date, config.timeZone);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`调度表-${date}.xlsx`)}`,
        )
        .send(xlsx);
    },
  );

  r.post(
    '/api/tasks/sheet',
    {
      config: read,
      schema: {
        summary: '从调度表（Excel）批量导入进展；有任何一行不符则全部不导入，并列出行号',
        tags: TAGS,
        consumes: ['multipart/form-data'],
        querystring: z.object({ plan: z.string().optional() }),
        response: { 200: SheetImportOut, 413: ErrorBody, 415: ErrorBody, ...errors },
      },
    },
    async (req) => {
      const c = await loadTaskContext(db, req.query.plan);
      const { filename, data } = await readUploadedFile(req, config.maxSheetBytes);
      return importDispatchSheet(db, clock, config, c, taskActorOf(req), data, filename);
    },
  );
}
