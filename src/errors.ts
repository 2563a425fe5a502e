/**
 * The one error catalogue of Lantian. Every error a user can meet has a stable code, an HTTP
 * status, a CLI exit code and a Chinese message. The API answers `{ code, message }`; the CLI
 * prints the message and exits with the code's exit status; the dashboard maps the code to text.
 */

/** One entry of the catalogue. */
export interface ErrorSpec {
  readonly status: number;
  readonly exit: number;
  readonly message: string;
}

/** Exit codes of the CLI, grouped by kind of failure. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  notFound: 4,
  conflict: 5,
  auth: 6,
  unavailable: 7,
} as const;

export const ERRORS = {
  LT_ERR_INTERNAL: { status: 500, exit: EXIT.internal, message: '内部错误' },
  LT_ERR_BAD_REQUEST: { status: 400, exit: EXIT.usage, message: '请求参数不正确' },
  LT_ERR_BAD_CONFIG: { status: 500, exit: EXIT.usage, message: '配置不正确' },
  LT_ERR_BAD_ADCODE: {
    status: 400,
    exit: EXIT.usage,
    message: '行政区划代码格式不正确（应为 6 位数字）',
  },
  LT_ERR_BAD_DATE: { status: 400, exit: EXIT.usage, message: '日期格式不正确（应为 YYYY-MM-DD）' },
  LT_ERR_BAD_RANGE: {
    status: 400,
    exit: EXIT.usage,
    message: '日期范围不正确（起始日期晚于结束日期或跨度过大）',
  },
  LT_ERR_BAD_EDITION: { status: 400, exit: EXIT.usage, message: '标准版本不正确' },
  LT_ERR_REGION_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '行政区不存在' },
  LT_ERR_STATION_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '监测站点不存在' },
  LT_ERR_POLLUTANT_UNKNOWN: { status: 400, exit: EXIT.input, message: '未知的污染物代码' },
  LT_ERR_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '没有这个地址' },
  LT_ERR_NO_DATA: { status: 404, exit: EXIT.notFound, message: '所选范围内没有监测数据' },
  LT_ERR_FILE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '文件或目录不存在' },
  LT_ERR_CSV_HEADER: { status: 400, exit: EXIT.input, message: 'CSV 表头不符合要求' },
  LT_ERR_CSV_TRUNCATED: {
    status: 400,
    exit: EXIT.input,
    message: 'CSV 文件不完整（最后一行被截断）',
  },
  LT_ERR_IMPORT_REJECTED: {
    status: 400,
    exit: EXIT.input,
    message: '导入文件含有错误行，未写入任何数据',
  },
  LT_ERR_DB_UNAVAILABLE: { status: 503, exit: EXIT.unavailable, message: '数据库不可用' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a stable catalogue code; `detail` says what exactly was wrong. */
export class LantianError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail?: string, extra?: Record<string, unknown>) {
    super(detail ? `${ERRORS[code].message}：${detail}` : ERRORS[code].message);
    this.name = 'LantianError';
    this.code = code;
    this.detail = detail;
    this.extra = extra;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  get exitCode(): number {
    return ERRORS[this.code].exit;
  }
}

/** True when `e` is a catalogue error, optionally of the given code. */
export function isLantianError(e: unknown, code?: ErrorCode): e is LantianError {
  return e instanceof LantianError && (code === undefined || e.code === code);
}
