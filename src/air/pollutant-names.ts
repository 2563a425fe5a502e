/**
 * Names a pollutant goes by in files and devices, mapped to the code Lantian stores. Stored
 * codes: SO2, NO2, PM10, PM2.5, CO, O3 (the six of GB 3095 Table 1), and NO, NOx, TSP, PM1.
 * HJ 212 codes from HJ 212-2017 Table B.2 (O3 a05024 per HJ 524; see docs/standards/hj212.md
 * §1.10). Names are matched as people write them: any case, with or without spaces, in full-width
 * or subscript characters (ＰＭ２．５, PM₂.₅, SO₂), the Chinese names of GB 3095-2012 Table 1
 * (二氧化硫, 二氧化氮, 一氧化碳, 臭氧, 可吸入颗粒物 for PM10, 细颗粒物 for PM2.5), and a
 * Chinese name with its symbol in brackets (细颗粒物（PM2.5）) when both name the same pollutant.
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
  可吸入颗粒物: 'PM10',
  'pm2.5': 'PM2.5',
  pm25: 'PM2.5',
  pm2_5: 'PM2.5',
  a34004: 'PM2.5',
  细颗粒物: 'PM2.5',
  co: 'CO',
  a21005: 'CO',
  一氧化碳: 'CO',
  o3: 'O3',
  a05024: 'O3',
  臭氧: 'O3',
  no: 'NO',
  a21003: 'NO',
  一氧化氮: 'NO',
  nox: 'NOx',
  a21002: 'NOx',
  氮氧化物: 'NOx',
  tsp: 'TSP',
  a34001: 'TSP',
  总悬浮颗粒物: 'TSP',
  pm1: 'PM1',
  'pm1.0': 'PM1',
  a34005: 'PM1',
};

/** The lookup form of a name: NFKC (full-width and subscript forms to ASCII), no spaces, lower case. */
function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Stored code of a pollutant name, or undefined when unknown. */
export function normalizePollutant(name: string): string | undefined {
  const key = nameKey(name);
  const direct = ALIASES[key];
  if (direct) return direct;
  const both = /^([^()]+)\(([^()]+)\)$/.exec(key);
  if (!both) return undefined;
  const [outer, inner] = [ALIASES[both[1]!], ALIASES[both[2]!]];
  return outer && outer === inner ? outer : undefined;
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

/**
 * The Chinese name of each stored code (GB 3095-2012 Table 1; HJ 212-2017 Table B.2 for NO, NOx,
 * TSP, PM1), taken from the aliases above so that names are written once (the dashboard shows
 * them too).
 */
export const CHINESE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ALIASES)
    .filter(([name]) => /\p{Script=Han}/u.test(name))
    .map(([name, code]) => [code, name]),
);
