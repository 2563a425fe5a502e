/** GET /api/audit: the audit log for the city office, newest first, with filters and paging. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../audit/audit-log.ts';
import { ErrorBody } from '../http/error-body.ts';
import type { AuthRouteDeps } from './auth-routes.ts';
import { AuditPageOut } from './schema.ts';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant given as UTC epoch milliseconds or as ISO 8601 with a zone (no zone is ambiguous). */
const Instant = z
  .string()
  .describe('UTC 毫秒，或带时区的 ISO 8601（如 2020-01-01T00:00:00+08:00）')
  .transform((s, ctx) => {
    const t = /^\d{1,15}$/.test(s) ? Number(s) : ISO_WITH_ZONE.test(s) ? Date.parse(s) : NaN;
    if (!Number.isFinite(t)) {
      ctx.addIssue({ code: 'custom', message: `时间格式不正确：${s}` });
      return z.NEVER;
    }
    return t;
  });

const AuditQuerySchema = z.object({
  action: z.string().optional().describe('动作（精确），如 auth.login'),
  actionPrefix: z.string().optional().describe('动作前缀，如 auth. 或 user.'),
  actor: z.string().optional().describe('操作者'),
  target: z.string().optional().describe('对象，如 user:admin'),
  from: Instant.optional().describe('起始时间（含）'),
  to: Instant.optional().describe('结束时间（不含）'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  beforeId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('翻页：只返回 id 小于此值的记录'),
});

/** Registers GET /api/audit. */
export function registerAuditRoutes(app: FastifyInstance, { db }: AuthRouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      config: { access: { roles: ['city-admin'] } },
      schema: {
        summary: '审计日志（新到旧）',
        tags: ['账号与权限'],
        querystring: AuditQuerySchema,
        response: {
          200: AuditPageOut,
          400: ErrorBody,
        },
      },
    },
    async (req) => {
      const items = await listAudit(db, req.query);
      const last = items[items.length - 1];
      return { items, nextBeforeId: items.length === req.query.limit && last ? last.id : null };
    },
  );
}
