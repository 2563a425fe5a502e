/**
 * HTTP routes of key-task dispatch (/api/tasks/…), registered in their own plugin scope with
 * multipart uploads. Every route declares who may call it; scope within a role (own county, own
 * department's measures) is the services' business.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { TaskRouteDeps } from './http/route-support.ts';
import { registerDispatchRoutes } from './http/dispatch-routes.ts';
import { registerReadRoutes } from './http/read-routes.ts';
import { registerReportRoutes } from './http/report-routes.ts';

/** What the routes are built from (see http/route-support.ts). */
export type { TaskRouteDeps } from './http/route-support.ts';

/** Registers /api/tasks/… in a scope of its own (multipart parsing stays local to it). */
export async function registerTaskRoutes(app: FastifyInstance, deps: TaskRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      // Keep the name as sent: the parser's default takes everything up to the last slash for a
      // folder (`照片 <b>bold</b>.png` became `b>.png`); rules/attachment-name.ts makes it safe.
      preservePath: true,
      limits: {
        fileSize: Math.max(deps.config.maxAttachmentBytes, deps.config.maxSheetBytes),
        files: 1,
      },
    });
    registerReadRoutes(scope, deps);
    registerReportRoutes(scope, deps);
    registerDispatchRoutes(scope, deps);
  });
}
