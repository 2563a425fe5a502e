/**
 * `lantian power` as an operator runs it (a child process over the same store): the projector run
 * by hand, and a line's hourly states as text and JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.ts';
import { DEFAULT_POWER_CONFIG } from '../src/sources/power/power-config.ts';
import { acceptReadings } from '../src/sources/power/reading-service.ts';
import { createMeter } from '../src/sources/power/meter-service.ts';
import type { Principal } from '../src/auth/principal.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { seedSources, STEEL, WHO } from './sources-power-support.ts';

const H = 3_600_000;
const DAY0 = Date.UTC(2026, 0, 4, 16); // 2026-01-05 00:00 Beijing
const CITY: Principal = {
  userId: 1,
  username: 'city',
  displayName: 'city',
  role: 'city-admin',
  via: 'session',
  mustChangePassword: false,
};

describe.each(dialectsUnderTest())('power CLI on %s', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    const clock = fixedClock(DAY0 + 2 * H);
    await seedSources(t.db, clock.now());
    const meter = { name: '风机', runningKw: 100 };
    await createMeter(t.db, clock, CITY, WHO, STEEL, {
      ...meter,
      code: 'P1',
      role: 'production',
      line: 'SJ1',
    });
    await createMeter(t.db, clock, CITY, WHO, STEEL, {
      ...meter,
      code: 'T1',
      role: 'treatment',
      facility: 'TL1',
    });
    await acceptReadings(
      t.db,
      clock,
      DEFAULT_POWER_CONFIG,
      CITY,
      WHO,
      STEEL,
      [
        { row: 1, meter: 'P1', time: DAY0, kw: 500 },
        { row: 2, meter: 'T1', time: DAY0, kw: 300 },
        { row: 3, meter: 'P1', time: DAY0 + H, kw: 500 },
        { row: 4, meter: 'T1', time: DAY0 + H, kw: 0 },
      ],
      'api',
      'test',
    );
  });
  afterAll(() => t?.cleanup());

  it('prints hourly states, flagging production without treatment', async () => {
    const args = [
      'power',
      'states',
      '--enterprise',
      STEEL,
      '--from',
      '2026-01-05',
      '--to',
      '2026-01-05',
    ];
    const text = await runCli(args, t.env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('SJ1 1# 烧结机');
    expect(text.stdout).toContain('2026-01-05T00:00  生产运行  治污运行');
    expect(text.stdout).toContain('2026-01-05T01:00  生产运行  治污停止  ⚠ 生产运行而治污停运');
    const json = await runCli([...args, '--json'], t.env);
    const [line] = JSON.parse(json.stdout);
    expect(line.hours.slice(0, 3)).toEqual([
      { time: DAY0, production: true, treatment: true },
      { time: DAY0 + H, production: true, treatment: false },
      { time: DAY0 + 2 * H, production: null, treatment: null },
    ]);
    const unknown = await runCli(
      ['power', 'states', '--enterprise', 'X', '--from', '2026-01-05', '--to', '2026-01-05'],
      t.env,
    );
    expect(unknown.stderr).toContain('LT_ERR_ENTERPRISE_NOT_FOUND');
    expect(unknown.code).toBe(4);
  });

  it('runs the projector by hand', async () => {
    const r = await runCli(['power', 'project'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('电表 0 个，读取上传值 0 条，写入读数 0 条\n');
  });
});
