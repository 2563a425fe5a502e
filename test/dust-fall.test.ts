/**
 * Dust fall (降尘) of a constructed month for all 20 units of the Handan 2020 plan, entered over
 * HTTP, computed by HJ 1221 (docs/standards/dust-fall.md §1) and ranked ascending against the
 * plan's targets (四.9: 7 for 邯山区、丛台区、复兴区、开发区, 8 for the others), then the monthly
 * notice opened (Excel parsed back, PDF checked). Real store, real HTTP.
 *
 * Hand computation. M = (W_sample − W_blank) / (S × n) × 30 × 10⁴ t/(km²·30 d).
 * With S = 100 cm², n = 30 d: M = net[g] × 3·10⁵ / 3000 = net × 100. Every such jar has a blank
 * of 0.0020 g, so the sample mass is net + 0.0020.
 *   馆陶县 0.0400 → 4.00      大名县 0.0430 → 4.30      邱县 0.0450 → 4.50
 *   临漳县 0.0480 → 4.80      开发区 0.0520 → 5.20      肥乡区 0.0550 → 5.50
 *   鸡泽县 0.0580 → 5.80      曲周县 0.0590 → 5.90      永年区 0.0610 → 6.10
 *   广平县 0.0620 → 6.20      峰峰矿区 0.0650 → 6.50    复兴区 0.0700 → 7.00 (= target 7, meets)
 *   成安县 0.0720 → 7.20      邯山区 0.0750 → 7.50 (> 7) 魏县 0.0760 → 7.60
 *   磁县 0.0810 → 8.10 (> 8)
 *   丛台区 two points 0.0600 → 6.00 and 0.0700 → 7.00, mean 6.50 (ties 峰峰矿区 6.50)
 *   武安市 two points 0.0900 → 9.00 and 0.0800 → 8.00, mean 8.50 (> 8; the 9.00 point > 8)
 * With the standard's example jar S = 176.71 cm² (the T7 vectors):
 *   涉县   blank 0.0010, sample 0.1010, n = 30: 0.1000 / (176.71 × 30) × 3·10⁵ = 5.6590 → 5.66
 *   冀南新区 blank 0.0050, sample 0.1650, n = 31: 0.1600 / (176.71 × 31) × 3·10⁵ = 8.7623 → 8.76 (> 8)
 * Ranking (ascending, ties equal, next rank skips): 1 馆陶 4.00, 2 大名 4.30, 3 邱县 4.50,
 * 4 临漳 4.80, 5 开发区 5.20, 6 肥乡 5.50, 7 涉县 5.66, 8 鸡泽 5.80, 9 曲周 5.90, 10 永年 6.10,
 * 11 广平 6.20, 12 丛台 6.50, 12 峰峰 6.50, 14 复兴 7.00, 15 成安 7.20, 16 邯山 7.50, 17 魏县 7.60,
 * 18 磁县 8.10, 19 武安 8.50, 20 冀南新区 8.76. Exceeding (named in ranking order): 邯山区, 磁县,
 * 武安市, 冀南新区; with 成安县's target set to 7, 成安县 (7.20) joins them, first.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { dustConfigFromEnv } from '../src/dust/dust-config.ts';
import { loadPlan } from '../src/plan/plan-loader.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { movableClock, sessionHeaders, signInAll } from './support/sign-in.ts';

const PW = 'Lantian-test-2020';
const MONTH = '2020-11';
/** [unit name, adcode, net grams of each point] for S = 100 cm², n = 30, blank 0.0020. */
const SIMPLE: Array<[string, string, number[]]> = [
  ['丛台区', '130403', [0.06, 0.07]],
  ['邯山区', '130402', [0.075]],
  ['开发区', '130471', [0.052]],
  ['复兴区', '130404', [0.07]],
  ['永年区', '130408', [0.061]],
  ['磁县', '130427', [0.081]],
  ['武安市', '130481', [0.09, 0.08]],
  ['峰峰矿区', '130406', [0.065]],
  ['肥乡区', '130407', [0.055]],
  ['临漳县', '130423', [0.048]],
  ['鸡泽县', '130431', [0.058]],
  ['大名县', '130425', [0.043]],
  ['馆陶县', '130433', [0.04]],
  ['曲周县', '130435', [0.059]],
  ['广平县', '130432', [0.062]],
  ['邱县', '130430', [0.045]],
  ['成安县', '130424', [0.072]],
  ['魏县', '130434', [0.076]],
];
const EXPECTED: Array<[number, string, number]> = [
  [1, '馆陶县', 4.0],
  [2, '大名县', 4.3],
  [3, '邱县', 4.5],
  [4, '临漳县', 4.8],
  [5, '开发区', 5.2],
  [6, '肥乡区', 5.5],
  [7, '涉县', 5.66],
  [8, '鸡泽县', 5.8],
  [9, '曲周县', 5.9],
  [10, '永年区', 6.1],
  [11, '广平县', 6.2],
  [12, '丛台区', 6.5],
  [12, '峰峰矿区', 6.5],
  [14, '复兴区', 7.0],
  [15, '成安县', 7.2],
  [16, '邯山区', 7.5],
  [17, '魏县', 7.6],
  [18, '磁县', 8.1],
  [19, '武安市', 8.5],
  [20, '冀南新区', 8.76],
];

describe.each(dialectsUnderTest())('dust fall and the monthly notice on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const clock = movableClock(Date.UTC(2020, 11, 3, 2));
  let who: Record<string, { cookie: string; csrf: string }> = {};

  const call = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: sessionHeaders(who[user]!),
      ...(body ? { payload: body } : {}),
    });
    const json = String(res.headers['content-type']).includes('json') ? res.json() : undefined;
    return {
      status: res.statusCode,
      body: json,
      raw: res.rawPayload,
      type: res.headers['content-type'],
    };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await loadPlan(t.db, clock, { actor: 'test' }, 'handan-2020');
    const ctx = { actor: 'test', ip: null };
    const users: Array<[string, string, Record<string, string>]> = [
      ['admin', 'city-admin', {}],
      ['hanshan', 'county', { regionAdcode: '130402' }],
      ['jianshe', 'department', { department: '市建设局' }],
    ];
    for (const [username, role, binding] of users)
      await createUser(t.db, clock, ctx, {
        username,
        role,
        password: PW,
        mustChangePassword: false,
        ...binding,
      } as never);
    app = await buildApp({
      db: t.db,
      clock,
      logLevel: false,
      auth: {
        ...DEFAULT_AUTH_CONFIG,
        sessionIdleMs: 400 * 86_400_000,
        sessionAbsoluteMs: 400 * 86_400_000,
      },
      web: false,
      dust: dustConfigFromEnv({}),
    });
    who = await signInAll(
      app,
      users.map((u) => u[0]),
      PW,
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('computes and ranks a constructed month for all 20 units as the hand computation gives', async () => {
    const samples: object[] = [];
    const point = async (code: string, adcode: string) =>
      expect(
        (
          await call('admin', 'POST', '/api/dust/fall/points', {
            code,
            name: `${code}点`,
            regionAdcode: adcode,
          })
        ).status,
      ).toBe(204);
    for (const [, adcode, nets] of SIMPLE)
      for (const [i, net] of nets.entries()) {
        const code = `P${adcode}-${i + 1}`;
        await point(code, adcode);
        samples.push({
          point: code,
          month: MONTH,
          sampleG: net + 0.002,
          blankG: 0.002,
          areaCm2: 100,
          days: 30,
        });
      }
    await point('P130426-1', '130426');
    await point('P130473-1', '130473');
    samples.push(
      {
        point: 'P130426-1',
        month: MONTH,
        sampleG: 0.101,
        blankG: 0.001,
        areaCm2: 176.71,
        days: 30,
      },
      {
        point: 'P130473-1',
        month: MONTH,
        sampleG: 0.165,
        blankG: 0.005,
        areaCm2: 176.71,
        days: 31,
      },
    );
    // A point outside the plan's units is refused.
    const outside = await call('admin', 'POST', '/api/dust/fall/points', {
      code: 'X',
      name: 'X',
      regionAdcode: '130400',
    });
    expect(outside.body.code).toBe('LT_ERR_DUST_NOT_PLAN_UNIT');

    // One impossible sample (less than its blank) refuses the whole batch; nothing is stored.
    const bad = await call('admin', 'POST', '/api/dust/fall/samples', {
      samples: [
        ...samples,
        {
          point: 'P130402-1',
          month: '2020-12',
          sampleG: 0.001,
          blankG: 0.002,
          areaCm2: 100,
          days: 30,
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('LT_ERR_DUST_BAD_SAMPLE');
    expect(
      (await call('admin', 'GET', `/api/dust/fall/samples?month=${MONTH}`)).body.samples,
    ).toEqual([]);
    // A county may not enter another county's point.
    const foreign = await call('hanshan', 'POST', '/api/dust/fall/samples', {
      samples: [samples[0]],
    });
    expect(foreign.body.code).toBe('LT_ERR_OUT_OF_SCOPE');

    expect((await call('admin', 'POST', '/api/dust/fall/samples', { samples })).body).toEqual({
      saved: 22,
    });
    const stored = (await call('admin', 'GET', `/api/dust/fall/samples?month=${MONTH}`)).body
      .samples;
    const jinan = stored.find((s: { point: string }) => s.point === 'P130473-1');
    expect(jinan).toMatchObject({
      sampleG: 0.165,
      blankG: 0.005,
      areaCm2: 176.71,
      days: 31,
      value: 8.76,
      edition: 'HJ 1221-2021',
    });
    expect(jinan.exact).toBeCloseTo(8.7623, 4);
    // The county sees only its own points' samples.
    const own = (await call('hanshan', 'GET', `/api/dust/fall/samples?month=${MONTH}`)).body
      .samples;
    expect(own.map((s: { point: string }) => s.point)).toEqual(['P130402-1']);

    const r = await call('hanshan', 'GET', `/api/dust/fall/ranking?month=${MONTH}`);
    expect(r.status).toBe(200);
    expect(
      r.body.rows.map((x: { rank: number; name: string; mean: number }) => [
        x.rank,
        x.name,
        x.mean,
      ]),
    ).toEqual(EXPECTED);
    expect(r.body.exceeding).toEqual(['邯山区', '磁县', '武安市', '冀南新区']);
    expect(r.body.missing).toEqual([]);
    const row = (name: string) => r.body.rows.find((x: { name: string }) => x.name === name);
    expect(row('复兴区')).toMatchObject({ target: 7, mainCity: true, exceeds: false });
    expect(row('成安县')).toMatchObject({ target: 8, mainCity: false, exceeds: false });
    expect(row('武安市')).toMatchObject({
      pointCount: 2,
      max: 9,
      min: 8,
      pointsOver: [{ code: 'P130481-1', name: 'P130481-1点', value: 9 }],
    });

    // The target is configurable per plan and unit: 成安县 at 7 now exceeds.
    expect(
      (await call('hanshan', 'PUT', '/api/dust/fall/targets/handan-2020/130424', { target: 7 }))
        .status,
    ).toBe(403);
    expect(
      (await call('admin', 'PUT', '/api/dust/fall/targets/handan-2020/130424', { target: 7 }))
        .status,
    ).toBe(204);
    const again = (await call('admin', 'GET', `/api/dust/fall/ranking?month=${MONTH}`)).body;
    expect(again.exceeding).toEqual(['成安县', '邯山区', '磁县', '武安市', '冀南新区']);
  });

  it('gives the monthly notice as Excel (parsed back) and PDF', async () => {
    const x = await call('jianshe', 'GET', `/api/dust/notice.xlsx?month=${MONTH}`);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '降尘排名',
      '超标采样点',
      'PM10排名',
      '通报正文',
    ]);
    const ws = wb.getWorksheet('降尘排名')!;
    expect(ws.getRow(1).getCell(1).value).toBe(
      '关于2020年11月各县（市、区）降尘量及扬尘污染防治情况的通报',
    );
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '排名',
      '县（市、区）',
      '采样点数',
      '降尘量均值',
      '最大值',
      '最小值',
      '目标',
      '是否超标',
    ]);
    const body = [];
    for (let i = 4; i <= ws.rowCount; i++) {
      const c = ws.getRow(i);
      body.push([c.getCell(1).value, c.getCell(2).value, c.getCell(4).value]);
    }
    expect(body).toEqual(EXPECTED);
    expect(ws.getRow(23).getCell(8).value).toBe('超标');
    expect(ws.getRow(4).getCell(8).value).toBe('达标');
    const pts = wb.getWorksheet('超标采样点')!;
    expect(pts.rowCount).toBe(1 + 5);
    const text = wb.getWorksheet('通报正文')!;
    const paragraphs = text.getColumn(1).values.filter((v) => typeof v === 'string') as string[];
    expect(paragraphs[0]).toBe('邯郸市大气污染防治工作领导小组办公室');
    expect(paragraphs.join('\n')).toContain(
      '成安县（7.20，目标 7）、邯山区（7.50，目标 7）、磁县（8.10，目标 8）、武安市（8.50，目标 8）、冀南新区（8.76，目标 8）降尘量超过目标',
    );
    expect(paragraphs.join('\n')).toContain('降尘量范围为 4.00～8.76 吨/月·平方公里');

    const pdf = await call('hanshan', 'GET', `/api/dust/notice.pdf?month=${MONTH}`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const raw = pdf.raw.toString('latin1');
    expect(raw.startsWith('%PDF')).toBe(true);
    expect(raw.match(/\/Type \/Page\b/g)?.length).toBeGreaterThanOrEqual(1);

    // A month that cannot be read is a bad request.
    expect((await call('admin', 'GET', '/api/dust/notice.pdf?month=2020-13')).status).toBe(400);
  });

  it('imports a laboratory table all or nothing', async () => {
    const head = '采样点编号,月份,样品质量g,空白质量g,集尘缸口面积cm2,采样天数';
    const rows = [
      'P130402-1,2020-12,0.0520,0.0020,100,30',
      'P130481-1,2020-12,0.0010,0.0020,100,30',
    ];
    const b = `----lantian${Math.random().toString(16).slice(2)}`;
    const upload = (lines: string[]) => {
      const payload = Buffer.concat([
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="降尘.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        Buffer.from([head, ...lines].join('\n')),
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      return app.inject({
        method: 'POST',
        url: '/api/dust/fall/samples/import',
        headers: {
          ...sessionHeaders(who.admin!),
          'content-type': `multipart/form-data; boundary=${b}`,
        },
        payload,
      });
    };
    const refused = await upload(rows);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'LT_ERR_IMPORT_REJECTED',
      detail: { issues: [{ row: 3, code: 'LT_ERR_DUST_BAD_SAMPLE' }] },
    });
    expect(
      (await call('admin', 'GET', '/api/dust/fall/samples?month=2020-12')).body.samples,
    ).toEqual([]);
    const ok = await upload([rows[0]!, 'P130481-1,2020-12,0.0820,0.0020,100,30']);
    expect(ok.json()).toEqual({ saved: 2 });
    const dec = (await call('admin', 'GET', '/api/dust/fall/ranking?month=2020-12')).body;
    expect(
      dec.rows.slice(0, 2).map((r: { name: string; mean: number }) => [r.name, r.mean]),
    ).toEqual([
      ['邯山区', 5],
      ['武安市', 8],
    ]);
    expect(dec.missing).toHaveLength(18);
  });
});
