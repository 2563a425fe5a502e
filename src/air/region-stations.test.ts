import { describe, expect, it } from 'vitest';
import type { Region, Station } from './tables.ts';
import { chooseAssessmentStations } from './region-stations.ts';

const region = (level: string): Region => ({
  adcode: '130400',
  name: 'x',
  parent_adcode: null,
  level,
  time_zone: 'Asia/Shanghai',
  created_at: 0,
  updated_at: 0,
});
const station = (code: string, kind: string, role = 'assessment'): Station => ({
  id: 0,
  code,
  name: code,
  region_adcode: '130403',
  kind,
  role,
  lon: null,
  lat: null,
  pollutants: '[]',
  created_at: 0,
  updated_at: 0,
});

describe('chooseAssessmentStations', () => {
  const all = [
    station('N1', '国控'),
    station('P1', '省控'),
    station('C1', '县控'),
    station('R1', '国控', 'reference'),
    station('M1', '微站', 'micro'),
  ];

  it('assesses a city on its national-control points only', () => {
    const r = chooseAssessmentStations(region('city'), all);
    expect(r.stations.map((s) => s.code)).toEqual(['N1']);
    expect(r.basis).toBe('national-points');
  });

  it('assesses a county on all its assessment points, never reference or micro stations', () => {
    const r = chooseAssessmentStations(region('county'), all);
    expect(r.stations.map((s) => s.code)).toEqual(['N1', 'P1', 'C1']);
    expect(r.basis).toBe('assessment-points');
  });

  it('falls back to all assessment points for a city without national points', () => {
    const r = chooseAssessmentStations(region('city'), [
      station('P1', '省控'),
      station('C1', '县控'),
    ]);
    expect(r.stations.map((s) => s.code)).toEqual(['P1', 'C1']);
    expect(r.basis).toBe('assessment-points');
  });
});
