/**
 * Registering regions and stations, with the checks a person typing them in needs: a six-digit
 * adcode, an existing parent, a known station kind and role, coordinates on the globe.
 */
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { isTimeZone } from '../time/zoned-time.ts';
import { normalizePollutant } from './pollutant-names.ts';
import { findRegion, upsertRegions, type RegionInput } from './region-repo.ts';
import { upsertStations, type StationInput } from './station-repo.ts';

export const REGION_LEVELS = ['province', 'city', 'county', 'zone'] as const;
/** Station kinds: national, provincial, county control points, township stations, micro-stations. */
export const STATION_KINDS = ['国控', '省控', '县控', '乡镇', '微站', '其他'] as const;
/** How a station counts for its region (see schema.ts). */
export const STATION_ROLES = ['assessment', 'reference', 'micro'] as const;

const ADCODE_RE = /^\d{6}$/;

/** Throws LT_ERR_BAD_ADCODE unless `adcode` is six digits. */
export function assertAdcode(adcode: string): void {
  if (!ADCODE_RE.test(adcode)) throw new LantianError('LT_ERR_BAD_ADCODE', `"${adcode}"`);
}

/** Checks and stores a region. */
export async function registerRegion(db: Db, clock: Clock, r: RegionInput): Promise<void> {
  assertAdcode(r.adcode);
  if (!r.name.trim()) throw new LantianError('LT_ERR_BAD_REQUEST', '名称不能为空');
  if (!(REGION_LEVELS as readonly string[]).includes(r.level)) {
    throw new LantianError('LT_ERR_BAD_REQUEST', `级别只能是 ${REGION_LEVELS.join('、')}`);
  }
  if (r.timeZone && !isTimeZone(r.timeZone))
    throw new LantianError('LT_ERR_BAD_CONFIG', `未知时区 ${r.timeZone}`);
  if (r.parentAdcode) {
    assertAdcode(r.parentAdcode);
    if (r.parentAdcode === r.adcode) throw new LantianError('LT_ERR_BAD_REQUEST', '上级不能是自己');
    if (!(await findRegion(db, r.parentAdcode)))
      throw new LantianError('LT_ERR_REGION_NOT_FOUND', `上级 ${r.parentAdcode}`);
  }
  await upsertRegions(db, [r], clock.now());
}

/** Checks one station; returns the list of problems (empty when fine). */
export function stationProblems(s: StationInput): string[] {
  const out: string[] = [];
  if (!/^[\w.-]{1,32}$/.test(s.code))
    out.push(`站点编码 "${s.code}" 应为 1–32 位字母、数字、点、横线或下划线`);
  if (!s.name.trim()) out.push('站点名称不能为空');
  if (!ADCODE_RE.test(s.regionAdcode)) out.push(`行政区划代码 "${s.regionAdcode}" 应为 6 位数字`);
  if (!(STATION_KINDS as readonly string[]).includes(s.kind))
    out.push(`类型 "${s.kind}" 应为 ${STATION_KINDS.join('、')}`);
  if (s.role && !(STATION_ROLES as readonly string[]).includes(s.role))
    out.push(`角色 "${s.role}" 应为 ${STATION_ROLES.join('、')}`);
  if (s.lon !== null && !(s.lon >= -180 && s.lon <= 180)) out.push(`经度 ${s.lon} 超出范围`);
  if (s.lat !== null && !(s.lat >= -90 && s.lat <= 90)) out.push(`纬度 ${s.lat} 超出范围`);
  for (const p of s.pollutants) if (!normalizePollutant(p)) out.push(`未知污染物 "${p}"`);
  return out;
}

/** Checks and stores stations; all or nothing. Returns code → id. */
export async function registerStations(
  db: Db,
  clock: Clock,
  stations: readonly StationInput[],
): Promise<Map<string, number>> {
  const problems = stations.flatMap((s) => stationProblems(s).map((p) => `${s.code}: ${p}`));
  if (problems.length > 0)
    throw new LantianError('LT_ERR_BAD_REQUEST', problems.slice(0, 10).join('；'));
  for (const adcode of new Set(stations.map((s) => s.regionAdcode))) {
    if (!(await findRegion(db, adcode))) throw new LantianError('LT_ERR_REGION_NOT_FOUND', adcode);
  }
  const normalized = stations.map((s) => ({
    ...s,
    pollutants: s.pollutants.map((p) => normalizePollutant(p)!),
  }));
  return upsertStations(db, normalized, clock.now());
}
