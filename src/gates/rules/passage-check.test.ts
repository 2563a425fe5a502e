import { describe, expect, it } from 'vitest';
import {
  checkPassage,
  ruleInForce,
  type CapacityRule,
  type PassageFacts,
} from './passage-check.ts';
import { parsePassageTime, passageTimeProblem } from './passage-time.ts';

const ban: CapacityRule = {
  id: null,
  fromLevel: 'orange',
  bannedUpToStage: '4',
  minTrucksPerDay: 10,
  dailyTruckCap: null,
};
const facts = (f: Partial<PassageFacts>): PassageFacts => ({
  direction: 'in',
  emissionStage: '4',
  manualOpen: null,
  blacklistHits: [],
  level: 'orange',
  rule: ban,
  trucksPerDay: { value: 10, basis: 'own-passages' },
  entriesEarlierToday: 0,
  unknownStageBanned: true,
  ...f,
});
const kinds = (f: Partial<PassageFacts>) => checkPassage(facts(f)).map((x) => x.kind);

describe('gates-rules-1', () => {
  it('bans China IV and lower at orange and above for units with ≥ 10 trucks a day only', () => {
    expect(kinds({})).toEqual(['banned-stage']);
    expect(kinds({ level: 'red', emissionStage: '0' })).toEqual(['banned-stage']);
    expect(kinds({ level: 'yellow' })).toEqual([]);
    expect(kinds({ level: null })).toEqual([]);
    expect(kinds({ emissionStage: '5' })).toEqual([]);
    expect(kinds({ emissionStage: 'D' })).toEqual([]);
    expect(kinds({ trucksPerDay: { value: 9.9, basis: 'own-passages' } })).toEqual([]);
    expect(kinds({ direction: 'out' })).toEqual([]);
  });
  it('treats an unknown stage by the setting', () => {
    expect(kinds({ emissionStage: null })).toEqual(['banned-stage']);
    expect(kinds({ emissionStage: null, unknownStageBanned: false })).toEqual([]);
  });
  it('flags blacklisted entries, the entry past the cap and every manual opening', () => {
    const capped = { ...ban, bannedUpToStage: null, dailyTruckCap: 2 };
    expect(kinds({ rule: capped, entriesEarlierToday: 1 })).toEqual([]);
    expect(kinds({ rule: capped, entriesEarlierToday: 2 })).toEqual(['over-cap']);
    expect(
      kinds({ level: null, blacklistHits: [{ id: 1, reason: 'r', source: 'tampering' }] }),
    ).toEqual(['blacklisted']);
    expect(
      kinds({
        level: null,
        direction: 'out',
        manualOpen: { by: '门卫', reason: '故障', photo: false },
      }),
    ).toEqual(['manual-open']);
  });
  it('takes the enterprise’s own rules before the city’s, the highest level not above the one in force', () => {
    const city: CapacityRule = { ...ban, id: 1, fromLevel: 'yellow' };
    const own: CapacityRule[] = [
      { ...ban, id: 2, fromLevel: 'orange', bannedUpToStage: '5' },
      { ...ban, id: 3, fromLevel: 'red', bannedUpToStage: '6' },
    ];
    expect(ruleInForce(own, [city], ban, 'red')?.id).toBe(3);
    expect(ruleInForce(own, [city], ban, 'orange')?.id).toBe(2);
    expect(ruleInForce(own, [city], ban, 'yellow')).toBeNull();
    expect(ruleInForce([], [city], ban, 'yellow')?.id).toBe(1);
    expect(ruleInForce([], [], ban, 'orange')).toBe(ban);
    expect(ruleInForce([], [], ban, null)).toBeNull();
  });
});

describe('passage times', () => {
  const now = Date.UTC(2026, 11, 7, 2);
  it('reads ISO 8601 with an offset and the guide’s yyyymmdd HHmmss in Beijing time', () => {
    expect(parsePassageTime('20261207 100000')).toBe(now);
    expect(parsePassageTime('2026-12-07T10:00:00+08:00')).toBe(now);
    expect(parsePassageTime('2026-12-07T02:00:00Z')).toBe(now);
    expect(parsePassageTime('2026-12-07T10:00:00')).toBeNull();
    expect(parsePassageTime('20260231 100000')).toBeNull();
  });
  it('refuses instants before 2000 or more than five minutes ahead', () => {
    expect(passageTimeProblem(now + 5 * 60_000, now)).toBeNull();
    expect(passageTimeProblem(now + 5 * 60_000 + 1, now)).not.toBeNull();
    expect(passageTimeProblem(Date.UTC(1999, 11, 31), now)).not.toBeNull();
    expect(passageTimeProblem(null, now)).not.toBeNull();
  });
});
