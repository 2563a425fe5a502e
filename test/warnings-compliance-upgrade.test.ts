/**
 * Integration of the episodes and compliance parts (both dialects): after an upgrade, each day is
 * judged against the published list of the level in force that day. The orange episode of the
 * compliance fixtures is upgraded to red from 03-03 (decision rows as episode-service.ts stores
 * them: from_date = the day the decision takes effect); the steel works keeps emitting 240 kg SO2
 * on both days. Only orange has a published list: 03-02 is judged against it, 03-03 (red, no red
 * list yet) is not judged against the orange list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RUNNING_RULES } from '../src/sources/power/rules/meter-state.ts';
import { DEFAULT_COMPLIANCE_CONFIG } from '../src/warnings/compliance/compliance-config.ts';
import { runCompliance } from '../src/warnings/compliance/compliance-runner.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  hourAt,
  putCou,
  seedEpisode,
  T0,
  type EpisodeSeed,
} from './warnings-compliance-support.ts';

describe.each(dialectsUnderTest())('compliance after an upgrade on %s', (dialect) => {
  let t: TestStore;
  let s: EpisodeSeed;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    s = await seedEpisode(t.db);
    await putCou(t.db, s.steelOutlet, '2026-03-03', 24, 24, 10);
    await t.db.kysely
      .updateTable('warning_episodes')
      .set({ level: 'red', peak_level: 'red', level_since: '2026-03-03' })
      .where('id', '=', s.episode)
      .execute();
    await t.db.kysely
      .insertInto('warning_decisions')
      .values({
        episode_id: s.episode,
        seq: 2,
        action: 'upgrade',
        level: 'red',
        from_date: '2026-03-03',
        to_date: '2026-03-04',
        forecast_version_id: null,
        edition: null,
        basis: 'overridden',
        override_reason: '省厅区域预警要求统一升级',
        reason: '升级为红色预警',
        notice_number: '邯气应急〔2026〕2号',
        notice_blob: null,
        decided_by: 'admin',
        decided_at: T0,
      })
      .execute();
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('judges 03-02 against the orange list and nothing of 03-03 against it', async () => {
    const r = await runCompliance(
      t.db,
      DEFAULT_COMPLIANCE_CONFIG,
      DEFAULT_RUNNING_RULES,
      hourAt(24 * 2 + 10),
      s.episode,
    );
    expect(r.episodes).toBe(1);
    const rows = await t.db.kysely
      .selectFrom('warning_violations')
      .select(['kind', 'evidence'])
      .where('episode_id', '=', s.episode)
      .execute();
    const days = rows.map((v) => `${v.kind}:${(JSON.parse(v.evidence) as { day: string }).day}`);
    expect(days.sort()).toEqual(['line-running:2026-03-02', 'not-cutting:2026-03-02']);
  });
});
