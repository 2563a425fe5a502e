/**
 * Composes the HTTP application: Fastify with zod schemas, the OpenAPI document at /docs, the
 * error shape, and every domain's routes. No logic of its own.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { registerAirRoutes } from './air/routes.ts';
import type { Clock } from './clock.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { registerHomeRoutes } from './http/home-routes.ts';
import type { Db } from './store/db.ts';

/** What the application is built from. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  /** Pino log level, or false for no request logging (tests). */
  logLevel?: string | false;
}

export const API_VERSION = '0.1.0';

/** Builds the Fastify application (not listening yet). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.logLevel === false || deps.logLevel === undefined ? false : { level: deps.logLevel },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '蓝天 Lantian API',
        description:
          '城市大气污染防治管理平台接口。时间为 UTC 毫秒或带时区偏移的 ISO 8601；浓度单位 µg/m³（CO 为 mg/m³）。',
        version: API_VERSION,
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  registerHomeRoutes(app, deps);
  registerAirRoutes(app, deps);
  return app;
}
