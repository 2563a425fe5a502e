/**
 * HTTP routes of the registry's files: GET /api/sources/registry/export (xlsx with both tables, or
 * CSV of one) and POST /api/sources/registry/import (multipart upload of an .xlsx or a CSV; all or
 * nothing), registered in a plugin scope of their own with multipart parsing.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ErrorBody } from '../../http/error-body.ts';
import type { Db } from '../../store/db.ts';
import { readUploadedFile } from '../../tasks/http/route-support.ts';
import { FORM_NAMES } from '../rules/registry-form.ts';
import { registryCsv, registryForms, registryXlsx } from './registry-export.ts';
import { readRegistryFile, type RegistryFileLimits } from './registry-files.ts';
import { importRegistry } from './registry-import-service.ts';
import { ExportQuery, RegistryImportOut } from './schema.ts';

const tags = ['污染源'];

/** What the file routes are built from. */
export interface RegistryFileDeps {
  db: Db;
  clock: Clock;
  /** Size of an upload and what a workbook may unpack to (the dispatch sheets' limits). */
  files: RegistryFileLimits;
}

const attachment = (name: string): string =>
  `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Registers the export and import routes. */
export async function registerRegistryFileRoutes(
  app: FastifyInstance,
  { db, clock, files }: RegistryFileDeps,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: files.maxSheetBytes, files: 1 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/sources/registry/export',
      {
        config: { access: { roles: ['city-admin', 'department', 'county', 'enterprise'] } },
        schema: {
          summary: '导出企业名录（Excel 含企业表与排放口表；CSV 每次一张表），只含可见的企业',
          tags,
          querystring: ExportQuery,
        },
      },
      async (req, reply) => {
        const forms = await registryForms(db, requirePrincipal(req));
        if (req.query.format === 'csv')
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', attachment(`企业名录-${FORM_NAMES[req.query.form]}.csv`))
            .send(registryCsv(forms[req.query.form]));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', attachment('企业名录.xlsx'))
          .send(await registryXlsx(forms));
      },
    );

    r.post(
      '/api/sources/registry/import',
      {
        config: { access: { roles: ['city-admin', 'department'] } },
        schema: {
          summary: '导入企业名录（Excel 或 CSV）；有任何一行不符则全部不导入，并列出行号',
          tags,
          consumes: ['multipart/form-data'],
          response: { 200: RegistryImportOut, 400: ErrorBody, 403: ErrorBody, 413: ErrorBody },
        },
      },
      async (req) => {
        return importRegistry(db, clock, requirePrincipal(req), actorOf(req), async () => {
          const { filename, data } = await readUploadedFile(req, files.maxSheetBytes);
          return readRegistryFile(data, filename, files);
        });
      },
    );
  });
}
