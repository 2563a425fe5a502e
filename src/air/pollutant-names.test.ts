/** Pollutant names as people write them map to the stored code; unknown names stay unknown. */
import { describe, expect, it } from 'vitest';
import { normalizePollutant } from './pollutant-names.ts';

describe('normalizePollutant', () => {
  it.each([
    ['SO2', 'SO2'],
    ['二氧化硫', 'SO2'],
    ['SO₂', 'SO2'],
    ['二氧化氮', 'NO2'],
    ['NO₂', 'NO2'],
    ['一氧化碳', 'CO'],
    ['臭氧', 'O3'],
    ['O₃', 'O3'],
    ['细颗粒物', 'PM2.5'],
    ['PM₂.₅', 'PM2.5'],
    ['PM2.5', 'PM2.5'],
    ['pm25', 'PM2.5'],
    ['PM 2.5', 'PM2.5'],
    ['ＰＭ２．５', 'PM2.5'],
    ['细颗粒物（PM2.5）', 'PM2.5'],
    ['细颗粒物(PM₂.₅)', 'PM2.5'],
    ['可吸入颗粒物', 'PM10'],
    ['PM₁₀', 'PM10'],
    ['可吸入颗粒物（PM10）', 'PM10'],
    ['一氧化氮', 'NO'],
    ['氮氧化物', 'NOx'],
    ['NOₓ', 'NOx'],
    ['总悬浮颗粒物', 'TSP'],
    ['a34004', 'PM2.5'],
    [' a05024 ', 'O3'],
  ])('%s → %s', (name, code) => {
    expect(normalizePollutant(name)).toBe(code);
  });

  it.each([
    'PM3',
    '颗粒物',
    '二氧化碳',
    'O3_8h',
    '细颗粒物（PM10）',
    'PM2.5（µg/m³）',
    '',
    'pm2.5.0',
  ])('refuses %j', (name) => {
    expect(normalizePollutant(name)).toBeUndefined();
  });
});
