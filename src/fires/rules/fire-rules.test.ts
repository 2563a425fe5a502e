import { describe, expect, it } from 'vitest';
import { confidenceLevel, headerIndex, readHotspot } from './hotspot-row.ts';
import { distanceKm, eventToJoin } from './merge-window.ts';
import { inPolygon } from '../../geo/point-in-polygon.ts';

describe('fire rules', () => {
  it('places points in a concave polygon with a hole', () => {
    // A "U" open to the north, with a square hole in its base.
    const u = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ] as Array<[number, number]>;
    const hole = [
      [1.2, 0.2],
      [1.8, 0.2],
      [1.8, 0.8],
      [1.2, 0.8],
    ] as Array<[number, number]>;
    expect(inPolygon(0.5, 2.5, [u, hole])).toBe(true);
    expect(inPolygon(1.5, 2.5, [u, hole])).toBe(false); // inside the U's gap
    expect(inPolygon(1.5, 0.5, [u, hole])).toBe(false); // in the hole
    expect(inPolygon(1.5, 0.1, [u, hole])).toBe(true);
    expect(inPolygon(4, 1, [u, hole])).toBe(false);
  });

  it('merges within distance and time, same county only, nearest first', () => {
    // 0.01° of latitude is 1.112 km.
    expect(distanceKm(114.8, 36.5, 114.8, 36.51)).toBeCloseTo(1.112, 2);
    const w = { km: 1, hours: 6 };
    const known = [
      { eventId: 1, county: 'A', at: 0, lon: 114.8, lat: 36.5 },
      { eventId: 2, county: 'A', at: 0, lon: 114.8, lat: 36.505 },
      { eventId: 3, county: 'B', at: 0, lon: 114.8, lat: 36.5 },
    ];
    expect(eventToJoin({ county: 'A', at: 3_600_000, lon: 114.8, lat: 36.506 }, known, w)).toBe(2);
    expect(eventToJoin({ county: 'A', at: 6 * 3_600_000, lon: 114.8, lat: 36.5 }, known, w)).toBe(
      1,
    );
    expect(
      eventToJoin({ county: 'A', at: 6 * 3_600_000 + 1, lon: 114.8, lat: 36.5 }, known, w),
    ).toBeNull();
    expect(eventToJoin({ county: 'A', at: 0, lon: 114.8, lat: 36.515 }, known, w)).toBeNull();
    expect(eventToJoin({ county: 'C', at: 0, lon: 114.8, lat: 36.5 }, known, w)).toBeNull();
  });

  it('reads FIRMS rows: short acq_time, MODIS numeric confidence, optional columns', () => {
    const { index, missing } = headerIndex([
      '\uFEFFlatitude',
      'longitude',
      'acq_date',
      'acq_time',
      'confidence',
    ]);
    expect(missing).toEqual([]);
    const r = readHotspot(['36.5', '114.8', '2026-03-01', '5', '79'], index);
    expect(r).toMatchObject({
      at: Date.UTC(2026, 2, 1, 0, 5),
      confidenceLevel: 'nominal',
      frp: null,
    });
    expect(confidenceLevel('80')).toBe('high');
    expect(confidenceLevel('h')).toBe('high');
    expect(confidenceLevel('29')).toBe('low');
    expect(confidenceLevel('101')).toBeUndefined();
    expect(readHotspot(['36.5', '114.8', '2026-02-30', '0100', 'n'], index)).toMatchObject({
      code: 'LT_ERR_FIRE_ROW_TIME',
    });
    expect(headerIndex(['lat', 'lon']).missing).toEqual([
      'latitude',
      'longitude',
      'acq_date',
      'acq_time',
    ]);
  });
});
