/**
 * HTTP routes of the evaluation of an episode: the data as JSON, the one-page PDF and the Excel
 * workbook (GET /api/warnings/episodes/:id/evaluation, .pdf, .xlsx).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import type { Role } from '../../http/route-access.ts';
import type { Db } from '../../store/db.ts';
import type { ComplianceConfig } from '../compliance/compliance-config.ts';
import { complianceErrors, EpisodeParams } from '../compliance/schema.ts';
import { evaluationWorkbook } from './evaluation-excel.ts';
import { evaluationPdf } from './evaluation-pdf.ts';
import { evaluateEpisode } from './evaluation-service.ts';
import { EpisodeEvaluation } from './schema.ts';

/** What the evaluation routes are built from. */
export interface EvaluationRouteDeps {
  db: Db;
  clock: Clock;
  config: ComplianceConfig;
}

const READERS: readonly Role[] = ['department', 'county'];
const TAGS = ['重污染应对'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Registers the evaluation routes. */
export function registerEvaluationRoutes(app: FastifyInstance, deps: EvaluationRouteDeps): void {
  const { db, clock, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const evaluate = (p: ReturnType<typeof requirePrincipal>, id: number) =>
    evaluateEpisode(db, config, p, id, clock.now());

  r.get(
    '/api/warnings/episodes/:id/evaluation',
    {
      config: { access: { roles: READERS } },
      schema: {
        summary: '预警过程评估：预报与实测、各级别天数、减排量、违规企业',
        tags: TAGS,
        params: EpisodeParams,
        response: { 200: EpisodeEvaluation, ...complianceErrors },
      },
    },
    async (req) => evaluate(requirePrincipal(req), req.params.id),
  );

  r.get(
    '/api/warnings/episodes/:id/evaluation.pdf',
    {
      config: { access: { roles: READERS } },
      schema: { summary: '预警过程评估报告（PDF，一页）', tags: TAGS, params: EpisodeParams },
    },
    async (req, reply) => {
      const ev = await evaluate(requirePrincipal(req), req.params.id);
      const pdf = await evaluationPdf(ev, { generatedAt: new Date(clock.now()) });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="episode-${ev.episode.id}-evaluation.pdf"`,
        )
        .send(pdf);
    },
  );

  r.get(
    '/api/warnings/episodes/:id/evaluation.xlsx',
    {
      config: { access: { roles: READERS } },
      schema: { summary: '预警过程评估数据（Excel）', tags: TAGS, params: EpisodeParams },
    },
    async (req, reply) => {
      const ev = await evaluate(requirePrincipal(req), req.params.id);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="episode-${ev.episode.id}-evaluation.xlsx"`,
        )
        .send(await evaluationWorkbook(ev));
    },
  );
}
