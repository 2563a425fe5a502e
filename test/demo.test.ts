/** `lantian demo handan`: a simulated Handan that never overwrites data already there. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessRegion } from '../src/air/assessment-service.ts';
import { fixedClock } from '../src/clock.ts';
import { runHandanDemo } from '../src/demo/handan-demo.ts';
import { silentProgress } from '../src/imports/progress.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const clock = fixedClock(Date.UTC(2026, 10, 28));

describe.each(dialectsUnderTest())('Handan demo on %s', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
  });
  afterAll(async () => t?.cleanup());

  it('loads the plan and tasks and simulates the national points and one station per unit', async () => {
    const s = await runHandanDemo(t.db, clock, {
      from: '2020-07-01',
      to: '2020-07-03',
      perUnit: 1,
      actor: 'test',
      progress: silentProgress,
    });
    expect(s).toMatchObject({ plan: 'handan-2020@1', tasks: 46, stations: 24, days: 3 });
    expect(s.readings).toBe(24 * 3 * 24 * 6);
    const city = await assessRegion(t.db, '130400', '2020-07-01', '2020-07-03');
    expect(city.stations).toEqual(['1047A', '1048A', '1049A', '1050A']);
    expect(city.days.valid).toBe(3);
    const county = await assessRegion(t.db, '130434', '2020-07-01', '2020-07-03');
    expect(county.stations).toHaveLength(1);
    const sources = await t.db.kysely.selectFrom('data_sources').select('kind').execute();
    expect(sources.map((x) => x.kind)).toContain('simulator');
  });

  it('refuses to write over readings already stored', async () => {
    await expect(
      runHandanDemo(t.db, clock, {
        from: '2020-07-03',
        to: '2020-07-04',
        perUnit: 1,
        actor: 'test',
        progress: silentProgress,
      }),
    ).rejects.toMatchObject({ code: 'LT_ERR_BAD_REQUEST' });
  });
});
