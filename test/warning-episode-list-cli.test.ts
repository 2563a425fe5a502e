/**
 * `lantian warning episode …` and `lantian warning list …` as an operator runs them (child
 * processes over the same store): an orange list generated for the city from the demo
 * enterprises, refused on publish for its shortfall (the shipped matrix fills cement and glass
 * only) and published with a reason, exported as a workbook; an orange warning issued on a stored
 * forecast, listed, shown with its notice number, and lifted; bad input refused with its code.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { runSourcesDemo } from '../src/demo/sources-demo.ts';
import { addDays } from '../src/standards/local-date.ts';
import type { ForecastDay } from '../src/standards/warning/index.ts';
import { epochToLocalDate } from '../src/time/zoned-time.ts';
import { insertForecastVersion } from '../src/warnings/forecasts/forecast-repo.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const today = epochToLocalDate('Asia/Shanghai', Date.now());
const AQI = [125, 168, 215, 248, 212, 90, 80];

describe.each(dialectsUnderTest())('warning episode and list CLI on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  let forecast: number;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await runSourcesDemo(t.db, systemClock, { days: 1, actor: 'test' });
    const days = AQI.map((aqi, i) => ({
      date: addDays(today, i),
      aqi,
      primary: ['PM2.5'] as ForecastDay['primary'],
      cause: null,
      rolling24hAqi: null,
    }));
    forecast = (
      await insertForecastVersion(
        t.db.kysely,
        { region: '130400', issued: today, days, origin: 'api', author: 'forecaster' },
        Date.now(),
      )
    ).id;
    dir = mkdtempSync(join(tmpdir(), 'lantian-warning-cli-'));
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('generates, refuses the shortfall, publishes with a reason and exports a list', async () => {
    const gen = await runCli(
      ['warning', 'list', 'generate', '--region', '130400', '--level', 'orange', '--json'],
      t.env,
    );
    expect(gen.code, gen.stderr).toBe(0);
    const list = JSON.parse(gen.stdout) as { id: number; status: string; shortfall: string[] };
    expect(list.status).toBe('draft');
    expect(list.shortfall.length).toBeGreaterThan(0);

    const refused = await runCli(['warning', 'list', 'publish', String(list.id)], t.env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('LT_ERR_LIST_SHORTFALL');

    const pub = await runCli(
      ['warning', 'list', 'publish', String(list.id), '--reason', '矩阵待本地补充，先行发布'],
      t.env,
    );
    expect(pub.code, pub.stderr).toBe(0);
    expect(pub.stdout).toContain('已发布');
    expect(pub.stdout).toContain('已说明理由发布：矩阵待本地补充，先行发布');
    expect(pub.stdout).toMatch(/SO2：基准 [\d.]+ kg\/日/);

    const file = join(dir, 'list.xlsx');
    const exp = await runCli(
      ['warning', 'list', 'export', String(list.id), '--out', file, '--county', '130481'],
      t.env,
    );
    expect(exp.code, exp.stderr).toBe(0);
    expect(exp.stdout).toContain('已导出');
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  it('issues, lists, shows and lifts a warning; refuses bad input', async () => {
    const bad = await runCli(['warning', 'episode', 'decide', 'raise'], t.env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('LT_ERR_BAD_REQUEST');
    const unsupported = await runCli(
      [
        'warning',
        'episode',
        'decide',
        'issue',
        '--region',
        '130400',
        '--level',
        'red',
        '--from',
        addDays(today, 2),
        '--to',
        addDays(today, 4),
        '--forecast',
        String(forecast),
      ],
      t.env,
    );
    expect(unsupported.code).not.toBe(0);
    expect(unsupported.stderr).toContain('LT_ERR_WARNING_UNSUPPORTED');

    const issued = await runCli(
      [
        'warning',
        'episode',
        'decide',
        'issue',
        '--region',
        '130400',
        '--level',
        'orange',
        '--from',
        addDays(today, 2),
        '--to',
        addDays(today, 4),
        '--forecast',
        String(forecast),
      ],
      t.env,
    );
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stdout).toMatch(/已发布：邯郸市橙色预警，通知文号 \S+/);

    const listed = await runCli(['warning', 'episode', 'list', '--json'], t.env);
    expect(listed.code, listed.stderr).toBe(0);
    const [episode] = JSON.parse(listed.stdout) as Array<{ id: number; status: string }>;
    expect(episode).toMatchObject({ status: 'active' });
    const text = await runCli(['warning', 'episode', 'list', '--status', 'active'], t.env);
    expect(text.stdout).toContain('橙色预警  生效中');
    expect(text.stdout).toContain('共 1 个预警过程');

    const shown = await runCli(['warning', 'episode', 'show', String(episode!.id)], t.env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('1. 发布 橙色');
    expect(shown.stdout).toContain('待确认：');

    const lifted = await runCli(
      [
        'warning',
        'episode',
        'decide',
        'lift',
        String(episode!.id),
        '--from',
        addDays(today, 5),
        '--forecast',
        String(forecast),
        '--json',
      ],
      t.env,
    );
    expect(lifted.code, lifted.stderr).toBe(0);
    expect(JSON.parse(lifted.stdout)).toMatchObject({
      status: 'lifted',
      liftedOn: addDays(today, 5),
    });
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', 'like', 'warning.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'warning.issue',
      'warning.lift',
      'warning.list.generate',
      'warning.list.publish',
    ]);
    expect(audit.every((a) => a.actor.startsWith('cli:'))).toBe(true);
  });
});
