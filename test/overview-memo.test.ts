/**
 * The daily-AQI memo of the overview belongs to one store: two stores open in one process (two
 * apps, or a test beside a server) each fill their own, and neither sees the other's entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/auth/principal.ts';
import { fixedClock } from '../src/clock.ts';
import { simulateHandan } from '../src/demo/handan-simulation.ts';
import { dailyAqiMemoOf } from '../src/overview/daily-aqi-memo.ts';
import { computeOverview, loadRegistry } from '../src/overview/overview-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const NOW = Date.parse('2020-03-10T10:30:00+08:00');
const HANDAN = '130400';
/** The city office reading (the plan block plays no part here). */
const OFFICE: Principal = {
  userId: 1,
  username: 'admin',
  displayName: 'admin',
  role: 'city-admin',
  via: 'session',
  mustChangePassword: false,
};

describe.each(dialectsUnderTest())('daily-AQI memo per store on %s', (dialect) => {
  let a: TestStore;
  let b: TestStore;
  const clock = fixedClock(NOW);
  const overviewOf = async (t: TestStore) =>
    computeOverview(t.db, clock, await loadRegistry(t.db), OFFICE, HANDAN, '2020-03-09');

  beforeAll(async () => {
    [a, b] = await Promise.all([openTestStore(dialect), openTestStore(dialect)]);
    await simulateHandan(a.db, { perUnit: 1, fromDate: '2020-02-20', until: NOW });
  }, 300_000);
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
  });

  it("fills only the memo of the store it reads, and another store's stays empty", async () => {
    expect(dailyAqiMemoOf(a.db)).not.toBe(dailyAqiMemoOf(b.db));
    expect(dailyAqiMemoOf(a.db)).toBe(dailyAqiMemoOf(a.db));
    const first = await overviewOf(a);
    expect(first.city.today?.aqi).toEqual(expect.any(Number));
    const filled = dailyAqiMemoOf(a.db).size;
    expect(filled).toBeGreaterThan(0);
    expect(dailyAqiMemoOf(b.db).size).toBe(0);

    // The second store gets the same data: its own memo fills, the first one's is unchanged,
    // and both answer alike.
    await simulateHandan(b.db, { perUnit: 1, fromDate: '2020-02-20', until: NOW });
    const second = await overviewOf(b);
    expect(dailyAqiMemoOf(b.db).size).toBe(filled);
    expect(dailyAqiMemoOf(a.db).size).toBe(filled);
    expect({ ...second, generatedAt: 0 }).toEqual({ ...first, generatedAt: 0 });
  }, 300_000);
});
