import { describe, expect, it } from 'vitest';
import { aliasProblem, DeviceCodeMap, massPerCubicMetre } from './aliases.ts';

describe('device code aliases and units', () => {
  it('maps 2005 codes only for 2005 packets (HJ 212-2017 Table B.2)', () => {
    const m = new DeviceCodeMap('outlet', {});
    expect(m.get('02', true)).toEqual({ code: 'a21026', factor: 1, pollutant: undefined });
    expect(m.get('B02', true).code).toBe('a00000');
    expect(m.get('02', false).code).toBe('02');
    expect(m.get('ele01', true).code).toBe('ele01');
  });
  it('converts PM sent in mg/m³ to µg/m³ for an air station, CO stays mg/m³', () => {
    const m = new DeviceCodeMap('station', {
      a34004: { pollutant: 'PM2.5', unit: 'mg/m3' },
      a21005: { unit: 'mg/m³' },
      O3: { code: 'a05024' },
      a99: { factor: 0.5 },
    });
    expect(m.get('a34004', false)).toEqual({ code: 'a34004', factor: 1000, pollutant: 'PM2.5' });
    expect(m.get('a21005', false)).toEqual({ code: 'a21005', factor: 1, pollutant: 'CO' });
    expect(m.get('O3', false)).toEqual({ code: 'a05024', factor: 1, pollutant: 'O3' });
    expect(m.get('a99', false).factor).toBe(0.5);
    expect(m.get('a21026', false)).toEqual({ code: 'a21026', factor: 1, pollutant: 'SO2' });
  });
  it('converts µg/m³ to mg/m³ for an outlet', () => {
    const m = new DeviceCodeMap('outlet', { a21026: { unit: '微克/立方米' } });
    expect(m.get('a21026', false).factor).toBe(0.001);
  });
  it('knows mass-concentration units only', () => {
    expect(massPerCubicMetre('μg/m³')).toBe(1e-6);
    expect(massPerCubicMetre('毫克/立方米')).toBe(1e-3);
    expect(massPerCubicMetre('ppm')).toBeUndefined();
  });
  it.each([
    [[], 'JSON 对象'],
    [{ a34004: 'PM2.5' }, '应为对象'],
    [{ a34004: { pollutant: 'PM2.5', code: 'a34004' } }, '只能写一个'],
    [{ a34004: { unit: 'ppm' } }, '不支持'],
    [{ a34004: { factor: -1 } }, '正数'],
    [{ a34004: { colour: 'red' } }, '未知字段'],
    [{ x01: { unit: 'mg/m3' } }, 'factor'],
  ])('refuses %j', (aliases, text) => {
    expect(aliasProblem('station', aliases)).toContain(text);
  });
});
