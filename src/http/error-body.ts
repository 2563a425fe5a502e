/**
 * The body of every error answer of the API, once: `{ code, message }` plus `detail` where a
 * field or value is to blame. Route modules use this schema for their error responses; the error
 * handler builds bodies of this type.
 */
import { z } from 'zod';

export const ErrorBody = z.object({
  code: z.string().describe('错误代码（LT_ERR_*，见 docs/errors.md）'),
  message: z.string().describe('中文错误信息'),
  detail: z.unknown().optional(),
});

export type ErrorBody = z.infer<typeof ErrorBody>;

/** The same schema as OpenAPI JSON, for answers documented outside zod (access-doc.ts). */
export const ERROR_BODY_JSON: Readonly<Record<string, unknown>> = z.toJSONSchema(ErrorBody, {
  target: 'openapi-3.0',
});
