/**
 * Puts each route's access rule into the OpenAPI document: `x-lantian-access` (the declared roles,
 * 'public', or absent when the route declares nothing) and the OpenAPI `security` requirement.
 * The dashboard and integrators read who may call what; test/routes-require-roles.test.ts reads
 * the same document to prove that every mutating route requires a role.
 */
import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { ERROR_BODY_JSON } from '../http/error-body.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

/** The OpenAPI extension that carries a route's access rule. */
export const ACCESS_EXTENSION = 'x-lantian-access';

/** Security schemes of the document: the session cookie and bearer API tokens. */
export const OPENAPI_SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      '登录（POST /api/auth/login）后的会话 Cookie；修改类请求还须带 X-Lantian-CSRF 请求头',
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'API 令牌（lt_…），用于系统对接和命令行',
  },
} as const;

/** Wraps a swagger transform so that each operation carries its access rule. */
export function withAccessInDocument<S extends FastifySchema>(
  inner: SwaggerTransform<S>,
): SwaggerTransform<S> {
  return (input) => {
    const out = inner(input);
    const access = input.route.config?.access;
    const schema: Record<string, unknown> = { ...out.schema };
    if (access) schema[ACCESS_EXTENSION] = access.roles;
    if (access?.roles !== 'public') {
      // Undeclared routes are city-office only (access-decision.ts), so they need credentials too.
      schema['security'] = [{ session: [] }, { bearer: [] }];
      const response = { ...((schema['response'] as Record<string, unknown> | undefined) ?? {}) };
      response['401'] ??= {
        ...ERROR_BODY_JSON,
        description: '未登录或登录已失效（LT_ERR_UNAUTHENTICATED）',
      };
      response['403'] ??= {
        ...ERROR_BODY_JSON,
        description: '角色无权或超出数据范围（LT_ERR_FORBIDDEN、LT_ERR_OUT_OF_SCOPE、LT_ERR_CSRF）',
      };
      schema['response'] = response;
    }
    return { ...out, schema: schema as FastifySchema };
  };
}
