/**
 * The evaluation reads the observed daily AQI of the episode's region from the air domain: over
 * three simulated days of Handan's stations (both dialects), each day of the episode has the
 * region's published AQI, its category and colour, and the observed peak is the highest of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionDailyAqi } from '../src/air/daily-aqi-service.ts';
import type { Principal } from '../src/auth/principal.ts';
import { simulateHandan } from '../src/demo/handan-simulation.ts';
import { DEFAULT_COMPLIANCE_CONFIG } from '../src/warnings/compliance/compliance-config.ts';
import { evaluateEpisode } from '../src/warnings/evaluation/evaluation-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { hourAt, seedEpisode, type EpisodeSeed } from './warnings-compliance-support.ts';

const OFFICE: Principal = {
  userId: 1,
  username: 'admin',
  displayName: '市大气办',
  role: 'city-admin',
  via: 'session',
  mustChangePassword: false,
};

describe.each(dialectsUnderTest())('evaluation against observed AQI on %s', (dialect) => {
  let t: TestStore;
  let s: EpisodeSeed;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await simulateHandan(t.db, {
      perUnit: 1,
      fromDate: '2026-03-02',
      until: Date.parse('2026-03-05T00:00:00+08:00'),
    });
    s = await seedEpisode(t.db);
  }, 300_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('compares each day with the region’s daily AQI and finds the observed peak', async () => {
    const ev = await evaluateEpisode(
      t.db,
      DEFAULT_COMPLIANCE_CONFIG,
      OFFICE,
      s.episode,
      hourAt(24 * 5),
    );
    const air = await regionDailyAqi(t.db, '130400', '2026-03-02', '2026-03-04');
    expect(ev.episode.lastDay).toBe('2026-03-04');
    expect(ev.days.map((d) => [d.date, d.observedAqi, d.category])).toEqual(
      air.days.map((d) => [d.date, d.aqi, d.category]),
    );
    expect(ev.days.every((d) => d.observedAqi !== null && d.color !== null)).toBe(true);
    const max = Math.max(...ev.days.map((d) => d.observedAqi!));
    expect(ev.peaks.observed?.aqi).toBe(max);
    expect(ev.days[0]!.error).toBe(ev.days[0]!.observedAqi! - 230);
    expect(Object.values(ev.daysByCategory).reduce((a, b) => a + b, 0)).toBe(3);
    expect(ev.notes.some((n) => n.includes('实测日AQI不可用'))).toBe(false);
  });
});
