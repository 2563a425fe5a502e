/**
 * Content-Security-Policy on every answer, so that a name that slips into a page as markup still
 * cannot run: pages — the dashboard, the landing page, the OpenAPI UI at /docs — load scripts from
 * this origin only (no inline script, no inline event handler, no eval), and everything else
 * (JSON, build files, attachments) may load nothing at all. A route that sets its own policy
 * keeps it.
 */
import type { FastifyInstance } from 'fastify';

/**
 * Pages: scripts, styles, fonts and API calls from this origin only. Inline styles stay allowed —
 * index.html paints its loading screen with one, the landing page is styled inline and the
 * Swagger UI adds style elements at run time (tried in test/browser/xss.test.ts); styles cannot
 * run code. Inline scripts, inline event handlers and `eval` are refused.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Anything that is not a page: nothing may be loaded or run, nor may it be framed. */
export const DATA_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The policy of an answer by its content type: pages get PAGE_CSP, the rest DATA_CSP. */
export function policyFor(contentType: string | undefined): string {
  return contentType?.startsWith('text/html') ? PAGE_CSP : DATA_CSP;
}

/** Adds the policy (and `X-Content-Type-Options: nosniff`) to every answer of `app`. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) {
      const type = reply.getHeader('content-type');
      reply.header(
        'content-security-policy',
        policyFor(typeof type === 'string' ? type : undefined),
      );
    }
    if (!reply.hasHeader('x-content-type-options'))
      reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
}
