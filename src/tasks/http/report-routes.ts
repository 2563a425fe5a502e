/** Write routes of reporting: uploads, progress reports, reviews and allocations. */
import { ErrorBody } from '../../http/error-body.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setAllocation } from '../allocation-service.ts';
import { submitReport } from '../report-service.ts';
import { reviewReport } from '../review-service.ts';
import {
  CITY_OFFICE,
  PARTICIPANTS,
  readUploadedFile,
  TAGS,
  taskActorOf,
  type TaskRouteDeps,
} from './route-support.ts';
import { AllocationBody, errors, IdParams, PlanQuery, ReportBody, ReviewBody } from '../schema.ts';
import { AllocationOut, ReviewOut, Submitted, UploadOut } from '../response-schema.ts';
import type { ReviewDecision } from '../rules/status-rules.ts';
import { loadTaskContext } from '../task-context.ts';
import { uploadAttachment } from '../upload-service.ts';

/** Registers uploads, reports, reviews and allocations. */
export function registerReportRoutes(
  app: FastifyInstance,
  { db, clock, config, blobs }: TaskRouteDeps,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/tasks/uploads',
    {
      config: { access: { roles: PARTICIPANTS } },
      schema: {
        summary: '上传附件（照片、PDF、表格；按内容识别类型，限制大小）',
        tags: TAGS,
        consumes: ['multipart/form-data'],
        response: {
          200: UploadOut,
          400: ErrorBody,
          403: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (req) => {
      const { filename, data } = await readUploadedFile(req, config.maxAttachmentBytes);
      return uploadAttachment(db, clock, config, blobs, taskActorOf(req), data, filename);
    },
  );

  r.post(
    '/api/tasks/reports',
    {
      config: { access: { roles: PARTICIPANTS } },
      schema: {
        summary: '报送进展（每次报送为新版本，不覆盖旧版本）',
        tags: TAGS,
        body: ReportBody,
        response: { 200: Submitted, ...errors },
      },
    },
    async (req) => {
      const b = req.body;
      const c = await loadTaskContext(db, b.plan);
      return submitReport(db, clock, config, c, taskActorOf(req), {
        number: b.measure,
        unit: b.unit,
        values: b.values,
        checklist: b.checklist,
        narrative: b.narrative,
        attachments: b.attachments,
        corrects: b.corrects,
        source: 'api',
      });
    },
  );

  r.post(
    '/api/tasks/reports/:id/review',
    {
      config: { access: { roles: CITY_OFFICE } },
      schema: {
        summary: '审核进展报告：采纳、退回（须填意见）或要求补充材料',
        tags: TAGS,
        params: IdParams,
        body: ReviewBody,
        response: {
          200: ReviewOut,
          409: ErrorBody,
          ...errors,
        },
      },
    },
    async (req) =>
      reviewReport(
        db,
        clock,
        taskActorOf(req),
        req.params.id,
        req.body.decision as ReviewDecision,
        req.body.comment,
      ),
  );

  r.put(
    '/api/tasks/allocations',
    {
      config: { access: { roles: CITY_OFFICE } },
      schema: {
        summary: '任务分解：把全市目标分解到县（市、区）',
        tags: TAGS,
        querystring: PlanQuery,
        body: AllocationBody,
        response: {
          200: AllocationOut,
          ...errors,
        },
      },
    },
    async (req) => {
      const b = req.body;
      const c = await loadTaskContext(db, b.plan ?? req.query.plan);
      return setAllocation(db, clock, c, taskActorOf(req), b.measure, b.target, b.unit, b.value);
    },
  );
}
