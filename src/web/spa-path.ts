/**
 * How the dashboard's catch-all route treats a request path (pure): API and documentation paths
 * are never answered with the dashboard, so that a mistyped API call still gets the API's JSON 404;
 * a path with a file extension is a file of the build; anything else is a page of the single-page
 * app, answered with index.html so that a deep link or a reload works.
 */

/** What a path is to the dashboard's catch-all route. */
export type SpaPathKind = 'api' | 'file' | 'page';

/** Path prefixes that belong to the API and its documentation, never to the dashboard. */
export const NON_SPA_PREFIXES: readonly string[] = ['/api', '/docs'];

/** Classifies a request path (without query string). */
export function spaPathKind(path: string): SpaPathKind {
  for (const p of NON_SPA_PREFIXES) {
    if (path === p || path.startsWith(`${p}/`)) return 'api';
  }
  const last = path.slice(path.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]{1,8}$/.test(last) ? 'file' : 'page';
}

/** True for build files whose names carry a content hash (safe to cache for a year). */
export function isHashedAsset(path: string): boolean {
  return path.startsWith('/assets/') && /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(path);
}
