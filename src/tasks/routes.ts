/**
 * HTTP routes of key-task dispatch (/api/tasks/…), registered in their own plugin scope with
 * multipart uploads. Every route declares who may call it; scope within a role (own county, own
 * department's measures) is the services' business.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { TaskRouteDeps } from './route-support.ts';
import { registerDispatchRoutes } from './routes-dispatch.ts';
import { registerReadRoutes } from './routes-read.ts';
import { registerReportRoutes } from './routes-report.ts';

/** What the routes are built from (see route-support.ts). */
export type { TaskRouteDeps } from './route-support.ts';

/** Registers /api/tasks/… in a scope of its own (multipart parsing stays local to it). */
export async function registerTaskRoutes(app: FastifyInstance, deps: TaskRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
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
