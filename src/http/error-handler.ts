/**
 * Turns every failure into the API's one error shape `{ code, message }` (plus `detail` where a
 * field or value is to blame). Validation failures are LT_ERR_BAD_REQUEST with the failing fields.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERRORS, LantianError } from '../errors.ts';
import type { ErrorBody } from './error-body.ts';

/** The parts of a request a validation failure can be in, as the message names them. */
const PARTS: Readonly<Record<string, string>> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

/** Installs the error and not-found handlers on an app. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | LantianError, req, reply) => {
    if (err instanceof LantianError) {
      const body: ErrorBody = { code: err.code, message: err.message };
      if (err.extra) body.detail = err.extra;
      return reply.code(err.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = PARTS[err.validationContext ?? ''] ?? err.validationContext ?? '';
      const fields = err.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return `${[where, field].filter(Boolean).join(' ')}：${v.message ?? ''}`;
      });
      return reply.code(400).send({
        code: 'LT_ERR_BAD_REQUEST',
        message: `${ERRORS.LT_ERR_BAD_REQUEST.message}：${fields.join('；')}`,
        detail: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      } satisfies ErrorBody);
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({
        code: 'LT_ERR_BAD_REQUEST',
        message: `${ERRORS.LT_ERR_BAD_REQUEST.message}：${err.message}`,
      });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({
      code: 'LT_ERR_INTERNAL',
      message: ERRORS.LT_ERR_INTERNAL.message,
    } satisfies ErrorBody);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({
      code: 'LT_ERR_NOT_FOUND',
      message: `没有这个地址：${req.method} ${req.url}`,
    } satisfies ErrorBody),
  );
}
