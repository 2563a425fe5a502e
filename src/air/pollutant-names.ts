/**
 * Names a pollutant goes by in files and devices, mapped to the code Lantian stores. Stored
 * codes: SO2, NO2, PM10, PM2.5, CO, O3 (the six of GB 3095 Table 1), and NO, NOx, TSP, PM1.
 * HJ 212 codes from HJ 212-2017 Table B.2 (O3 a05024 per HJ 524; see standards.md §1.10).
 */
const ALIASES: Readonly<Record<string, string>> = {
  so2: 'SO2',
  a21026: 'SO2',
  二氧化硫: 'SO2',
  no2: 'NO2',
  a21004: 'NO2',
  二氧化氮: 'NO2',
  pm10: 'PM10',
  a34002: 'PM10',
  'pm2.5': 'PM2.5',
  pm25: 'PM2.5',
  pm2_5: 'PM2.5',
  a34004: 'PM2.5',
  co: 'CO',
  a21005: 'CO',
  一氧化碳: 'CO',
  o3: 'O3',
  a05024: 'O3',
  臭氧: 'O3',
  no: 'NO',
  a21003: 'NO',
  nox: 'NOx',
  a21002: 'NOx',
  tsp: 'TSP',
  a34001: 'TSP',
  pm1: 'PM1',
  'pm1.0': 'PM1',
  a34005: 'PM1',
};

/** Stored code of a pollutant name (case-insensitive), or undefined when unknown. */
export function normalizePollutant(name: string): string | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

/** Canonical unit of a stored pollutant: mg/m³ for CO, µg/m³ for the rest. */
export function canonicalUnit(pollutant: string): 'mg/m³' | 'µg/m³' {
  return pollutant === 'CO' ? 'mg/m³' : 'µg/m³';
}

/** Factor that turns a value in `unit` into the canonical unit, or undefined for an unknown unit. */
export function unitFactor(pollutant: string, unit: string): number | undefined {
  const u = unit.trim().toLowerCase().replace('μ', 'µ').replace('³', '3');
  const ug = u === 'µg/m3' || u === 'ug/m3' || u === '微克/立方米';
  const mg = u === 'mg/m3' || u === '毫克/立方米';
  if (!ug && !mg) return undefined;
  const canonicalMg = canonicalUnit(pollutant) === 'mg/m³';
  if (ug) return canonicalMg ? 0.001 : 1;
  return canonicalMg ? 1 : 1000;
}
