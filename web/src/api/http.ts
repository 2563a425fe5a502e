/**
 * The one way the dashboard talks to the API: JSON over fetch with the session cookie, the CSRF
 * header on every change (X-Lantian-CSRF, the token the sign-in answer gave), and errors turned
 * into ApiError with the catalogue's stable code and its Chinese message.
 */

/** An API failure: `code` is the catalogue's stable code (LT_ERR_…). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: unknown;
  constructor(status: number, code: string, message: string, detail?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

/** Messages the dashboard shows instead of the server's, by code. */
const FRIENDLY: Readonly<Record<string, string>> = {
  LT_ERR_UNAUTHENTICATED: '登录已失效，请重新登录',
  LT_ERR_FORBIDDEN: '当前账号无权查看此内容',
  LT_ERR_OUT_OF_SCOPE: '无权查看其他单位的数据',
  LT_ERR_CSRF: '页面已过期，请刷新后重试',
  LT_ERR_INTERNAL: '服务器内部错误，请稍后重试',
  LT_ERR_INGEST_NOT_RUNNING: 'HJ 212 接入服务未运行',
};

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Sets the CSRF token of the current session (null after sign-out). */
export function setCsrfToken(t: string | null): void {
  csrfToken = t;
}

/** Calls `fn` whenever a request is refused for want of a valid session. */
export function onUnauthorized(fn: () => void): void {
  unauthorizedListeners.add(fn);
}

/** Request options. */
export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Builds `/api/…?query` from parts, leaving out empty values. */
export function apiUrl(path: string, query?: ApiOptions['query']): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Calls the API and returns the parsed JSON answer; throws ApiError on failure. */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-lantian-csrf'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'LT_ERR_NETWORK', '无法连接服务器，请检查网络');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const b = (body ?? {}) as { code?: string; message?: string; detail?: unknown };
    const code = b.code ?? `HTTP_${res.status}`;
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') {
      for (const fn of unauthorizedListeners) fn();
    }
    throw new ApiError(
      res.status,
      code,
      FRIENDLY[code] ?? b.message ?? `请求失败（${res.status}）`,
      b.detail,
    );
  }
  return body as T;
}

/** Uploads one file as multipart/form-data (field "file"), with the CSRF header. */
export async function apiUpload<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiForm<T>(path, form);
}

/** POSTs a multipart/form-data form (text fields and files), with the CSRF header. */
export async function apiForm<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-lantian-csrf'] = csrfToken;
  const res = await fetch(path, {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok) {
    const code = body.code ?? `HTTP_${res.status}`;
    throw new ApiError(
      res.status,
      code,
      FRIENDLY[code] ?? body.message ?? `上传失败（${res.status}）`,
    );
  }
  return body as T;
}
