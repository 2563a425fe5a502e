/**
 * Cross-site request forgery rules (pure). A browser attaches the session cookie to any request
 * to this server, so a change made with a cookie must also prove it came from Lantian's own page:
 *  1. the request's origin — `Sec-Fetch-Site` when the browser sends it, else `Origin` against the
 *     `Host` — must be this server or a configured trusted origin (applies to sign-in too, which
 *     stops login CSRF); requests without either header (curl, the CLI) pass this step;
 *  2. with a session, the `X-Lantian-CSRF` header must equal the session's CSRF token, which
 *     only a page that read the sign-in answer can know.
 * Bearer-token requests are exempt: a browser never adds an Authorization header on its own.
 */
import { csrfTokenFor, safeEqual } from './secret-token.ts';

/** The header that carries the CSRF token. */
export const CSRF_HEADER = 'x-lantian-csrf';

/** The request headers the rules look at. */
export interface OriginFacts {
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The Host header (host[:port]) the request was sent to. */
  host: string | undefined;
}

/** True for methods that may change something (everything but GET, HEAD, OPTIONS). */
export function isMutatingMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** Why a request's origin is refused, or null when it may proceed. */
export function originProblem(f: OriginFacts, trustedOrigins: readonly string[]): string | null {
  if (f.origin !== undefined && trustedOrigins.includes(f.origin)) return null;
  if (f.secFetchSite !== undefined) {
    return f.secFetchSite === 'same-origin' || f.secFetchSite === 'none'
      ? null
      : `请求来自其他站点（Sec-Fetch-Site: ${f.secFetchSite}）`;
  }
  if (f.origin === undefined) return null;
  try {
    const origin = new URL(f.origin);
    // Read the Host header with the origin's scheme, so that default ports compare equal.
    const own = f.host ? new URL(`${origin.protocol}//${f.host}`).host : '';
    if (origin.host !== '' && origin.host === own) return null;
  } catch {
    return `请求来源不明（Origin: ${f.origin}）`;
  }
  return `请求来自其他站点（Origin: ${f.origin}）`;
}

/** Why a session request's CSRF header is refused, or null when it matches the session's token. */
export function csrfTokenProblem(sessionId: string, header: string | undefined): string | null {
  if (header === undefined || header === '') return `缺少 X-Lantian-CSRF 请求头`;
  return safeEqual(header, csrfTokenFor(sessionId)) ? null : 'X-Lantian-CSRF 令牌不正确';
}
