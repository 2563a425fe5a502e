/**
 * `lantian warning grade` as a user runs it: a forecast on stdin, the level and its reason in
 * Chinese or in the documented JSON shape, refusals with catalogue codes and exit statuses.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, EXIT } from '../src/errors.ts';
import type { ForecastIssueCode, WarningRefusalCode } from '../src/standards/warning/index.ts';
import { LANTIAN, runCli } from './support/cli.ts';

/** Handan, issued 2020-11-30: 12-03 and 12-04 above 200 (one > 300 on 12-04 by its rolling AQI). */
const HANDAN = {
  region: '130400',
  issued: '2020-11-30',
  days: [
    { date: '2020-12-01', aqi: 95, primary: 'PM2.5' },
    { date: '2020-12-02', aqi: 140, primary: 'PM2.5' },
    { date: '2020-12-03', aqi: 215, primary: 'PM2.5' },
    { date: '2020-12-04', aqi: 290, primary: 'PM2.5', rolling24hAqi: 305 },
    { date: '2020-12-05', aqi: 120, primary: 'PM2.5' },
  ],
};

const grade = (args: string[], input: unknown) =>
  runCli(
    ['warning', 'grade', ...args],
    {},
    typeof input === 'string' ? input : JSON.stringify(input),
  );

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lt-warning-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each run starts the whole CLI (seconds on a busy machine): few runs, generous time limits.
describe('lantian warning grade', { timeout: 180_000 }, () => {
  it('prints the documented JSON: 2024 → orange, industrial, with reason and span', async () => {
    const r = await grade(['--edition', '2024', '--json'], HANDAN);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(Object.keys(g).slice(0, 6)).toEqual([
      'edition',
      'level',
      'response',
      'reason',
      'from',
      'to',
    ]);
    expect(g).toMatchObject({
      edition: '2024',
      level: 'orange',
      response: 'industrial',
      from: '2020-12-03',
      to: '2020-12-04',
      document: '环大气〔2024〕6号',
      leadDays: 3,
      requiredLeadDays: 3,
      leadShort: false,
      basis: {
        conditionId: '2024.orange.a',
        matches: [{ op: '>', aqi: 200, hours: 48, dates: ['2020-12-03', '2020-12-04'] }],
      },
    });
    expect(g.reason).toContain('12月3日、12月4日 日AQI>200（48小时） → 橙色预警（II级）');
  });

  it('grades the same forecast yellow under 2019, and picks the edition by date by default', async () => {
    const y2019 = JSON.parse((await grade(['--edition', '2019', '--json'], HANDAN)).stdout);
    expect(y2019).toMatchObject({ edition: '2019', level: 'yellow', response: 'industrial' });
    const later = {
      ...HANDAN,
      issued: '2025-11-30',
      days: HANDAN.days.map((d) => ({ ...d, date: d.date.replace('2020', '2025') })),
    };
    expect(JSON.parse((await grade(['--json'], later)).stdout)).toMatchObject({
      edition: '2024',
      level: 'orange',
    });
  });

  it('speaks Chinese in its text output', async () => {
    const r = await grade(['--edition', '2024'], HANDAN);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('邯郸市（130400）重污染天气预警分级，依据 环大气〔2024〕6号');
    expect(r.stdout).toContain('建议：橙色预警（II级）');
    expect(r.stdout).toContain('时段：2020-12-03 至 2020-12-04');
    expect(r.stdout).toContain('说明：12月4日 按连续24小时AQI 305 计（自然日AQI 290）');
    expect(r.stdout).not.toMatch(/\b(orange|yellow|industrial)\b/);
    const help = await runCli(['warning', 'grade', '--help'], {});
    expect(help.stdout).toContain('分级标准');
  });

  it('answers an O3-led forecast with advice only under 2024', async () => {
    const o3 = { days: HANDAN.days.map((d) => ({ date: d.date, aqi: 230, primary: 'O3' })) };
    const g = JSON.parse((await grade(['--edition', '2024', '--json'], o3)).stdout);
    expect(g).toMatchObject({
      level: 'none',
      response: 'advice',
      thresholdLevel: 'orange',
      leadDays: null,
    });
  });

  it('layers a local rule file and applies command-line settings', async () => {
    const rules = join(dir, 'local.json');
    writeFileSync(
      rules,
      JSON.stringify({
        id: 'early-yellow',
        name: '示例本地规则',
        source: '本地配置',
        verified: false,
        addConditions: {
          yellow: [
            {
              id: 'early',
              allOf: [{ op: '>', aqi: 130, hours: 24 }],
              source: '日AQI>130',
              verified: false,
            },
          ],
        },
      }),
    );
    const mild = { days: [{ date: '2020-12-01', aqi: 140, primary: 'PM2.5' }] };
    expect(JSON.parse((await grade(['--edition', '2024', '--json'], mild)).stdout).level).toBe(
      'none',
    );
    const g = JSON.parse(
      (
        await grade(
          ['--edition', '2024', '--json', '--local-rules', rules, '--lead-days', '1'],
          mild,
        )
      ).stdout,
    );
    expect(g).toMatchObject({ level: 'yellow', localRules: 'early-yellow', requiredLeadDays: 1 });
    writeFileSync(
      rules,
      JSON.stringify({
        id: 'x',
        name: 'x',
        source: 'x',
        verified: false,
        addConditions: { red: [{ id: 'r', allOf: [], source: 's', verified: true }] },
      }),
    );
    const bad = await grade(['--local-rules', rules], mild);
    expect(bad.code).toBe(EXIT.input);
    expect(bad.stderr).toContain('LT_ERR_WARNING_RULES_INVALID');
    expect(bad.stderr).toContain('addConditions.red[0].allOf 至少需要一个条件');
  });

  it('refuses bad forecasts with stable codes', async () => {
    const days = HANDAN.days;
    const cases: Array<[unknown, string, string]> = [
      [{ days: [days[0], days[2]] }, 'LT_ERR_FORECAST_GAP', '之间缺少 2020-12-02'],
      [
        { days: [days[0], days[1], days[1]] },
        'LT_ERR_FORECAST_DUPLICATE_DATE',
        '2020-12-02 与 days[1] 重复',
      ],
      [{ days: [{ ...days[0], aqi: 501 }] }, 'LT_ERR_FORECAST_AQI_RANGE', '收到 501'],
      ['{"days": [', 'LT_ERR_FORECAST_INVALID', '不是有效的 JSON'],
    ];
    for (const [input, code, detail] of cases) {
      const r = await grade(['--json'], input);
      expect(r.code, code).toBe(EXIT.input);
      expect(r.stderr).toContain(`[${code}]`);
      expect(r.stderr).toContain(detail);
      expect(r.stdout).toBe('');
    }
    const edition = await grade(['--edition', '2016'], HANDAN);
    expect(edition.code).toBe(EXIT.usage);
    expect(edition.stderr).toContain('LT_ERR_BAD_EDITION');
  });

  it('refuses more than 1 MiB on stdin without reading it all', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
      const child = spawn(LANTIAN, ['warning', 'grade'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.stdin.on('error', () => undefined); // the command stops reading: EPIPE is expected
      child.on('error', fail);
      child.on('close', (code) => done({ code, stderr }));
      child.stdin.end(' '.repeat(2 << 20));
    });
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toContain('LT_ERR_FORECAST_TOO_LONG');
  });
});

describe('the warning codes', () => {
  it('are all in the catalogue, with Chinese messages', () => {
    const codes: Array<ForecastIssueCode | WarningRefusalCode | 'LT_ERR_WARNING_RULES_INVALID'> = [
      'LT_ERR_FORECAST_INVALID',
      'LT_ERR_FORECAST_EMPTY',
      'LT_ERR_FORECAST_TOO_LONG',
      'LT_ERR_FORECAST_GAP',
      'LT_ERR_FORECAST_DUPLICATE_DATE',
      'LT_ERR_FORECAST_AQI_RANGE',
      'LT_ERR_BAD_DATE',
      'LT_ERR_BAD_ADCODE',
      'LT_ERR_POLLUTANT_UNKNOWN',
      'LT_ERR_WARNING_TRANSITION',
      'LT_ERR_WARNING_UNSUPPORTED',
      'LT_ERR_WARNING_OVERRIDE_REASON',
      'LT_ERR_WARNING_RULES_INVALID',
    ];
    for (const c of codes) expect(ERRORS[c].message).toMatch(/[\u4e00-\u9fff]/);
  });
});
