/**
 * Refuses a NUL character (U+0000) anywhere in a request's query, path parameters or parsed body
 * — in any string value or object key, however deeply nested — with 400 LT_ERR_NUL_CHARACTER,
 * before validation and before any handler. PostgreSQL cannot store U+0000 in text (it answered
 * 500 to such requests) while SQLite stores it silently; refusing at this one place gives every
 * dialect the same answer and keeps such strings out of every table.
 */
import type { FastifyInstance } from 'fastify';
import { LantianError } from '../errors.ts';
import { pathOfNul } from '../nul-character.ts';

/** The parts of a request checked, with the names the message gives them. */
const PARTS = [
  ['query', '查询参数'],
  ['params', '路径参数'],
  ['body', '请求体'],
] as const;

/** Installs the check on every route of the app (call before routes are registered). */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [part, label] of PARTS) {
      const where = pathOfNul(req[part]);
      if (where !== undefined) {
        throw new LantianError('LT_ERR_NUL_CHARACTER', `${label} ${where || '（整体）'}`, {
          part,
          path: where,
        });
      }
    }
  });
}
