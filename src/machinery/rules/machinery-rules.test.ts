import { describe, expect, it } from 'vitest';
import { geometryProblem, pointInGeometry, type ZoneGeometry } from './zone-geometry.ts';
import { issuedCode, normaliseCode, serialOf } from './registration-code.ts';
import { stageOf } from './stages.ts';
import { violationsOf } from './violations.ts';
import { zoneVerdict, type ZoneRule } from './zone-verdict.ts';

const SQUARE: ZoneGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ],
};
const ZONE: ZoneRule = { id: 1, name: '低排区', geometry: SQUARE, minStage: 3, bansUncoded: true };

describe('machinery rules', () => {
  it('finds points inside a polygon with a hole and in a multipolygon', () => {
    expect(pointInGeometry(1, 1, SQUARE)).toBe(true);
    expect(pointInGeometry(5, 5, SQUARE)).toBe(false);
    expect(pointInGeometry(11, 5, SQUARE)).toBe(false);
    const multi: ZoneGeometry = { type: 'MultiPolygon', coordinates: [SQUARE.coordinates] };
    expect(pointInGeometry(9, 9, multi)).toBe(true);
    expect(geometryProblem(SQUARE)).toBeNull();
    expect(geometryProblem({ type: 'Point', coordinates: [1, 2] })).toMatch(/Polygon/);
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 2],
          ],
        ],
      }),
    ).toMatch(/首尾/);
  });

  it('bans stages below the floor, unknown stages and uncoded machines in the zone only', () => {
    const at = (stage: Parameters<typeof stageOf>[0] | null, x = 1) =>
      zoneVerdict(
        x,
        1,
        [ZONE],
        stage === null ? { registered: false } : { registered: true, stage: stageOf(stage)! },
      );
    expect(at('国二').bans.map((b) => b.kind)).toEqual(['banned-stage']);
    expect(at('国三').allowed).toBe(true);
    expect(at('电动').allowed).toBe(true);
    expect(at('无').allowed).toBe(false);
    expect(at(null).bans.map((b) => b.kind)).toEqual(['uncoded']);
    expect(at(null, 20)).toMatchObject({ inZone: false, allowed: true });
    expect(at('1', 20).allowed).toBe(true);
  });

  it('adds black smoke from the failing Ringelmann grade on', () => {
    const v = zoneVerdict(20, 1, [ZONE], { registered: true, stage: '4' });
    expect(violationsOf(v, { blackSmoke: true, ringelmann: 1 }, 2)).toEqual([]);
    expect(violationsOf(v, { blackSmoke: true, ringelmann: 2 }, 2)[0]?.kind).toBe('black-smoke');
    expect(violationsOf(v, { blackSmoke: true, ringelmann: null }, 2)).toHaveLength(1);
    expect(violationsOf(v, { blackSmoke: false, ringelmann: 4 }, 2)).toEqual([]);
  });

  it('issues and reads codes; imported codes are opaque up to 32 characters', () => {
    expect(issuedCode('130402', 2026, 7)).toBe('130402F2600007');
    expect(serialOf('130402F2600007', '130402F26')).toBe(7);
    expect(normaliseCode(' hb-01 ')).toBe('HB-01');
    expect(normaliseCode('A'.repeat(33))).toBeUndefined();
    expect(normaliseCode('冀A123')).toBeUndefined();
  });
});
