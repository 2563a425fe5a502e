/**
 * API validation failures speak Chinese (issue 16): zod's issues come back as
 * `LT_ERR_BAD_REQUEST` with the part of the request, the field and a Chinese reason, never
 * zod's English (`Invalid input: expected string, received undefined`).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../src/app.ts';
import { fixedClock } from '../src/clock.ts';
import { chineseZodMessage } from '../src/http/zod-chinese.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const ENGLISH = /Invalid|expected|received|Too (small|big)|Unrecognized|must/;

describe.each(dialectsUnderTest())('API validation messages on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    app = await buildApp({ db: t.db, clock: fixedClock(0), logLevel: false, web: false });
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  const cases: Array<[string, string, unknown, string]> = [
    ['GET', '/api/stations/1003A/readings?from=2016-01-01', undefined, '查询参数 to：缺少此项'],
    [
      'GET',
      '/api/regions/110000/aqi/daily?from=2016-01-01&to=2016-01-02&edition=HJ633-1999',
      undefined,
      '查询参数 edition：应为 "HJ633-2012"、"HJ633-2026" 之一',
    ],
    [
      'POST',
      '/api/auth/login',
      { username: 7, password: 'x' },
      '请求体 username：应为字符串，收到数字',
    ],
    ['POST', '/api/auth/login', { username: '', password: 'x' }, '请求体 username：不能为空'],
    ['POST', '/api/auth/login', { password: 'x' }, '请求体 username：缺少此项'],
  ];

  it.each(cases)('%s %s %j → %s', async (method, url, body, message) => {
    const r = await app.inject({
      method: method as 'GET' | 'POST',
      url,
      ...(body === undefined ? {} : { payload: body as object }),
      headers: { origin: 'http://localhost' },
    });
    expect(r.statusCode).toBe(400);
    const b = r.json();
    expect(b.code).toBe('LT_ERR_BAD_REQUEST');
    expect(b.message).toContain('请求参数不正确：');
    expect(b.message).toContain(message);
    expect(b.message).not.toMatch(ENGLISH);
  });
});

describe('zod issues in Chinese', () => {
  const message = (schema: z.ZodType, input: unknown): string => {
    const r = schema.safeParse(input, { error: chineseZodMessage });
    if (r.success) throw new Error('expected a failure');
    return r.error.issues[0]!.message;
  };

  it('reads well for each kind of issue', () => {
    expect(message(z.string(), undefined)).toBe('缺少此项');
    expect(message(z.number(), 'x')).toBe('应为数字，收到字符串');
    expect(message(z.coerce.number(), 'abc')).toBe('应为数字');
    expect(message(z.boolean(), 1)).toBe('应为布尔值（true 或 false），收到数字');
    expect(message(z.string().min(8), 'abc')).toBe('至少 8 个字符');
    expect(message(z.string().max(3), 'abcd')).toBe('最多 3 个字符');
    expect(message(z.string().length(6), 'abc')).toBe('应为 6 个字符');
    expect(message(z.number().min(0), -1)).toBe('不能小于 0');
    expect(message(z.number().positive(), 0)).toBe('应大于 0');
    expect(message(z.number().max(24), 25)).toBe('不能大于 24');
    expect(message(z.array(z.string()).min(1), [])).toBe('至少 1 项');
    expect(message(z.enum(['a', 'b']), 'c')).toBe('应为 "a"、"b" 之一');
    expect(message(z.literal('x'), 'y')).toBe('应为 "x"');
    expect(message(z.string().regex(/^\d{6}$/), '11000x')).toBe('格式不正确');
    expect(message(z.email(), 'nobody')).toBe('格式不正确，应为电子邮件地址');
    expect(message(z.strictObject({ a: z.string() }), { a: 'x', b: 1 })).toBe('不认识的字段：b');
    expect(message(z.number().multipleOf(5), 7)).toBe('应为 5 的整数倍');
    expect(message(z.union([z.string(), z.number()]), true)).toBe('取值不符合任何一种允许的形式');
  });

  it('leaves a message the schema states itself', () => {
    expect(message(z.string().min(1, '请填写用户名'), '')).toBe('请填写用户名');
  });
});
