/**
 * The warnings part of `demo handan` (src/demo/warnings-demo.ts): a city forecast grading orange
 * and three county forecasts, marked simulated; the local matrix; the orange list published; an
 * orange warning resting on the forecast; a lifted past episode with its evaluation; a second run
 * adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/clock.ts';
import { DEFAULT_COMPLIANCE_CONFIG } from '../src/warnings/compliance/compliance-config.ts';
import { evaluateEpisode } from '../src/warnings/evaluation/evaluation-service.ts';
import { runSourcesDemo } from '../src/demo/sources-demo.ts';
import { DEMO_NOTE, demoMatrixCells, runWarningsDemo } from '../src/demo/warnings-demo.ts';
import { operatorActor } from '../src/tasks/task-context.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const clock = fixedClock(Date.UTC(2026, 10, 28, 6, 30));
const actor = { actor: 'cli:demo', ip: null };

describe.each(dialectsUnderTest())('demo warnings on %s', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await runSourcesDemo(t.db, clock, { days: 3, actor: 'test' });
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('stores an orange forecast, the matrix, the published list, an active and a lifted episode', async () => {
    const s = await runWarningsDemo(t.db, clock, actor);
    expect(s).toMatchObject({ present: false, forecasts: 5, recommended: 'orange' });
    expect(s.matrixCells).toBe(demoMatrixCells().length);
    const k = t.db.kysely;
    const versions = await k.selectFrom('forecast_versions').selectAll().execute();
    expect(versions).toHaveLength(5);
    expect(versions.every((v) => v.note === DEMO_NOTE)).toBe(true);
    expect(new Set(versions.map((v) => v.region_adcode))).toEqual(
      new Set(['130400', '130481', '130406', '130427']),
    );
    const cells = await k.selectFrom('emergency_matrix_cells').selectAll().execute();
    expect(cells.map((c) => `${c.industry}|${c.grade}|${c.level}`)).toContain(
      'long_process_steel|B|orange',
    );
    const list = await k.selectFrom('emergency_lists').selectAll().execute();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      region_adcode: '130400',
      level: 'orange',
      status: 'published',
    });
    const items = await k
      .selectFrom('emergency_list_items')
      .select('enterprise_id')
      .where('list_id', '=', list[0]!.id)
      .execute();
    expect(items.length).toBeGreaterThan(50);
    // The local matrix meets the orange target (20 %) for every pollutant with a baseline.
    expect(Object.keys(s.reductions).length).toBeGreaterThan(0);
    for (const pct of Object.values(s.reductions)) expect(pct).toBeGreaterThanOrEqual(20);
    expect(s.listOverride).toBeNull();
    const episodes = await k.selectFrom('warning_episodes').selectAll().orderBy('id').execute();
    expect(episodes.map((e) => [e.status, e.level, e.region_adcode])).toEqual([
      ['lifted', 'orange', '130400'],
      ['active', 'orange', '130400'],
    ]);
    expect(Number(episodes[1]!.forecast_version_id)).toBeGreaterThan(0);
    const decisions = await k.selectFrom('warning_decisions').select('action').execute();
    expect(decisions.map((d) => d.action).sort()).toEqual(['issue', 'issue', 'lift']);
    const ev = await evaluateEpisode(
      t.db,
      DEFAULT_COMPLIANCE_CONFIG,
      operatorActor(actor).principal,
      s.liftedEpisodeId!,
      clock.now(),
    );
    expect(ev.episode).toMatchObject({ id: s.liftedEpisodeId, status: 'lifted' });
    // Four days at orange (issue day to lift day), each with its forecast AQI.
    expect(ev.days.map((d) => d.level)).toEqual(['orange', 'orange', 'orange', 'orange']);
    expect(ev.days.every((d) => d.forecastAqi !== null)).toBe(true);
    // The past decisions carry the time they would have happened, before today.
    const past = await k
      .selectFrom('warning_decisions')
      .select('decided_at')
      .where('episode_id', '=', s.liftedEpisodeId!)
      .execute();
    expect(past.every((d) => Number(d.decided_at) < clock.now() - 7 * 86_400_000)).toBe(true);
  });

  it('adds nothing on a second run', async () => {
    const count = async (table: 'forecast_versions' | 'warning_episodes' | 'emergency_lists') =>
      (await t.db.kysely.selectFrom(table).select('id').execute()).length;
    const before = [
      await count('forecast_versions'),
      await count('warning_episodes'),
      await count('emergency_lists'),
    ];
    const s = await runWarningsDemo(t.db, clock, actor);
    expect(s.present).toBe(true);
    expect([
      await count('forecast_versions'),
      await count('warning_episodes'),
      await count('emergency_lists'),
    ]).toEqual(before);
  });
});
