/**
 * Chinese messages for zod's validation issues, so that the API's LT_ERR_BAD_REQUEST answers read
 * `查询参数 from：缺少此项` instead of `Invalid input: expected string, received undefined`.
 * Installed once by the HTTP edge (buildApp) as zod's locale; a message a schema states itself
 * still wins.
 */
import { z } from 'zod';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const TYPES: Readonly<Record<string, string>> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '数组',
  date: '日期',
  null: '空值 null',
  undefined: '空',
  symbol: '符号',
  function: '函数',
  file: '文件',
  map: '映射',
  set: '集合',
  nan: '非数字 NaN',
};

const FORMATS: Readonly<Record<string, string>> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  datetime: 'ISO 8601 日期时间（如 2020-11-01T00:00:00+08:00）',
  date: '日期（YYYY-MM-DD）',
  time: '时间（HH:mm:ss）',
  duration: 'ISO 8601 时长',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  base64: 'Base64 编码',
  base64url: 'Base64URL 编码',
  jwt: 'JWT',
  json_string: 'JSON 字符串',
};

const UNITS: Readonly<Record<string, string>> = {
  string: '个字符',
  array: '项',
  set: '项',
  map: '项',
  file: '字节',
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isNaN(v)) return 'nan';
  return typeof v;
}

function value(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

function bound(origin: string, n: number | bigint): string {
  return origin === 'date' ? new Date(Number(n)).toISOString() : String(n);
}

/** The Chinese message of one issue. */
export function chineseZodMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '缺少此项';
      const want = TYPES[issue.expected] ?? issue.expected;
      const got = typeOf(issue.input);
      return got === 'nan' ? `应为${want}` : `应为${want}，收到${TYPES[got] ?? got}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `应为 ${value(issue.values[0])}`
        : `应为 ${issue.values.map(value).join('、')} 之一`;
    case 'too_small': {
      const unit = UNITS[issue.origin];
      const n = bound(issue.origin, issue.minimum);
      if (unit) {
        if (issue.exact) return `应为 ${n} ${unit}`;
        if (issue.origin === 'string' && Number(issue.minimum) === 1) return '不能为空';
        return `至少 ${n} ${unit}`;
      }
      if (issue.origin === 'date') return issue.inclusive ? `不能早于 ${n}` : `应晚于 ${n}`;
      return issue.inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
    }
    case 'too_big': {
      const unit = UNITS[issue.origin];
      const n = bound(issue.origin, issue.maximum);
      if (unit) return issue.exact ? `应为 ${n} ${unit}` : `最多 ${n} ${unit}`;
      if (issue.origin === 'date') return issue.inclusive ? `不能晚于 ${n}` : `应早于 ${n}`;
      return issue.inclusive ? `不能大于 ${n}` : `应小于 ${n}`;
    }
    case 'invalid_format': {
      const f = issue as Issue & { prefix?: string; suffix?: string; includes?: string };
      if (f.format === 'starts_with') return `应以 "${f.prefix}" 开头`;
      if (f.format === 'ends_with') return `应以 "${f.suffix}" 结尾`;
      if (f.format === 'includes') return `应包含 "${f.includes}"`;
      const name = FORMATS[issue.format];
      return name ? `格式不正确，应为${name}` : '格式不正确';
    }
    case 'not_multiple_of':
      return `应为 ${issue.divisor} 的整数倍`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return '取值不符合任何一种允许的形式';
    case 'invalid_key':
      return '含有不正确的键';
    case 'invalid_element':
      return '含有不正确的元素';
    default:
      return '取值不正确';
  }
}

/** Makes zod report every issue in Chinese (zod's locale setting, process-wide). */
export function useChineseZodMessages(): void {
  z.config({ localeError: chineseZodMessage });
}
