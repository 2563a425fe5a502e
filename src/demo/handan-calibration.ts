/**
 * The figures the simulated Handan is calibrated to, read from data/demo/handan-air: the
 * published city and county figures (published.json, each with its source) and the monthly
 * levels the simulator follows for 2019–2020 (monthly-levels.csv, chosen to reproduce the
 * published figures; see the folder's README). Validated on reading; a bad file is refused whole.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import { readCsvRows } from '../plan/plan-files.ts';
import type { AirLevels } from '../simulator/air-climate.ts';

/** The folder of the Handan calibration data (found from the code, not the cwd). */
export const HANDAN_AIR_DIR = fileURLToPath(new URL('../../data/demo/handan-air', import.meta.url));

const adcode = z.string().regex(/^\d{6}$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ranks = z.record(adcode, z.number().int().min(1).max(20));

const CityPeriod = z.object({
  label: z.string(),
  from: date,
  to: date,
  source: z.string(),
  derived: z.string().optional(),
  figures: z.record(z.string(), z.number()),
  changeFromLastYear: z.record(z.string(), z.number()).optional(),
});

const Published = z.object({
  about: z.string(),
  sources: z.record(z.string(), z.string()),
  city: z.array(CityPeriod),
  unitRanking: z.object({
    month: z.string().regex(/^\d{4}-\d{2}$/),
    source: z.string(),
    note: z.string().optional(),
    compositeRank: ranks,
    dustRank: ranks,
  }),
  provincialWorst: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      source: z.string(),
      note: z.string().optional(),
      cityCompositeIndex: z.number().positive(),
      units: z.array(z.object({ adcode, compositeIndex: z.number().positive() })),
    }),
  ),
  unitBulletins: z.array(
    z.object({
      adcode,
      from: date,
      to: date,
      source: z.string(),
      figures: z.record(z.string(), z.number()),
      cityReference: z
        .object({ label: z.string(), compositeIndex: z.number().positive() })
        .optional(),
    }),
  ),
});

/** The published Handan figures (published.json). */
export type HandanPublished = z.infer<typeof Published>;

/** Everything the Handan simulation is calibrated to. */
export interface HandanCalibration {
  published: HandanPublished;
  /** Monthly levels by 'YYYY-MM' (city national-control points, means of hourly values). */
  levels: ReadonlyMap<string, AirLevels>;
}

function invalid(file: string, why: string): LantianError {
  return new LantianError('LT_ERR_BAD_CONFIG', `${file}: ${why}`);
}

/** Reads published.json and checks that every figure names a known source. */
function readPublished(dir: string): HandanPublished {
  const file = join(dir, 'published.json');
  let parsed: HandanPublished;
  try {
    parsed = Published.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw invalid(file, (e as Error).message);
  }
  const cited = [
    ...parsed.city.map((c) => c.source),
    parsed.unitRanking.source,
    ...parsed.provincialWorst.map((p) => p.source),
    ...parsed.unitBulletins.map((b) => b.source),
  ];
  for (const s of cited) if (!parsed.sources[s]) throw invalid(file, `未说明的来源 "${s}"`);
  return parsed;
}

const COLUMNS: ReadonlyArray<[string, keyof AirLevels]> = [
  ['so2', 'SO2'],
  ['no2', 'NO2'],
  ['co', 'CO'],
  ['o3', 'O3'],
  ['pm10', 'PM10'],
  ['pm25', 'PM2.5'],
];

/** Reads monthly-levels.csv: one row per month, every pollutant a positive number. */
function readLevels(dir: string): Map<string, AirLevels> {
  const file = join(dir, 'monthly-levels.csv');
  const out = new Map<string, AirLevels>();
  for (const row of readCsvRows(file)) {
    const month = row['month'] ?? '';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalid(file, `月份 "${month}" 不正确`);
    const levels = {} as Record<keyof AirLevels, number>;
    for (const [col, p] of COLUMNS) {
      const v = Number(row[col]);
      if (!(v > 0)) throw invalid(file, `${month} ${col} 应为正数，收到 "${row[col] ?? ''}"`);
      levels[p] = v;
    }
    if (out.has(month)) throw invalid(file, `${month} 重复`);
    out.set(month, levels);
  }
  return out;
}

/** Reads the calibration folder (default data/demo/handan-air). */
export function readHandanCalibration(dir = HANDAN_AIR_DIR): HandanCalibration {
  return { published: readPublished(dir), levels: readLevels(dir) };
}

/**
 * Monthly levels for any year: the calibrated month when there is one, else the same month of
 * the latest calibrated year (a demo running up to today repeats the last calibrated year).
 */
export function levelsOf(levels: ReadonlyMap<string, AirLevels>) {
  const years = [...new Set([...levels.keys()].map((k) => Number(k.slice(0, 4))))].sort();
  return (year: number, month: number): AirLevels => {
    const mm = String(month).padStart(2, '0');
    const exact = levels.get(`${year}-${mm}`);
    if (exact) return exact;
    for (const y of [...years].reverse()) {
      const hit = levels.get(`${y}-${mm}`);
      if (hit) return hit;
    }
    throw new LantianError('LT_ERR_BAD_CONFIG', `没有 ${mm} 月的模拟浓度水平`);
  };
}
