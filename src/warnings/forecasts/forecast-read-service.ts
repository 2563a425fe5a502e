/**
 * Reading stored forecasts: the versions a caller may see (newest first, each with its
 * recommended level), one version with its days, and what changed between two versions of a
 * region (by default the version before it).
 */
import { listRegions } from '../../air/region-repo.ts';
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { WarningLevel } from '../../standards/warning/index.ts';
import type { Db } from '../../store/db.ts';
import { assertForecastReader, forecastRegionsOf } from './forecast-access.ts';
import type { ForecastsConfig } from './forecast-config.ts';
import { gradeVersion, readableVersion } from './forecast-grade-service.ts';
import {
  latestForecastVersion,
  listForecastVersions,
  loadForecastVersion,
  previousForecastVersionId,
} from './forecast-repo.ts';
import { versionView, type ForecastListItem, type ForecastVersionView } from './forecast-views.ts';
import { diffForecasts, type DayDiff } from './rules/forecast-diff.ts';

async function regionNames(db: Db): Promise<Map<string, string>> {
  return new Map((await listRegions(db)).map((r) => [r.adcode, r.name]));
}

/** The versions the principal may see, newest first, optionally of one region. */
export async function forecastList(
  db: Db,
  p: Principal,
  config: ForecastsConfig,
  region?: string,
): Promise<ForecastListItem[]> {
  const visible = await forecastRegionsOf(db, p);
  let regions: 'all' | string[] = visible;
  if (region !== undefined) regions = visible === 'all' || visible.includes(region) ? [region] : [];
  const heads = await listForecastVersions(db.kysely, regions, config.listLimit);
  const names = await regionNames(db);
  const out: ForecastListItem[] = [];
  for (const h of heads) {
    const v = (await loadForecastVersion(db.kysely, h.id))!;
    const g = gradeVersion(v, config.warning);
    out.push({
      ...h,
      regionName: names.get(h.region) ?? null,
      peakAqi: Math.max(...v.forecast.days.map((d) => d.aqi)),
      level: g.level,
      response: g.response,
      edition: g.edition,
    });
  }
  return out;
}

/** One version with its days. */
export async function forecastShow(db: Db, p: Principal, id: number): Promise<ForecastVersionView> {
  const v = await readableVersion(db, p, id);
  return versionView(v, (await regionNames(db)).get(v.region) ?? null);
}

/** The newest version of a region's forecast (LT_ERR_FORECAST_NOT_FOUND when it has none). */
export async function forecastLatest(
  db: Db,
  p: Principal,
  region: string,
): Promise<ForecastVersionView> {
  await assertForecastReader(db, p, region);
  const v = await latestForecastVersion(db.kysely, region);
  if (!v) throw new LantianError('LT_ERR_FORECAST_NOT_FOUND', `${region} 还没有预报`);
  return versionView(v, (await regionNames(db)).get(region) ?? null);
}

/** The comparison of a version with another of the same region. */
export interface ForecastDiffView {
  before: ForecastVersionView;
  after: ForecastVersionView;
  days: DayDiff[];
  /** Recommended levels of both versions (edition named). */
  levels: {
    before: { level: WarningLevel; edition: string };
    after: { level: WarningLevel; edition: string };
  };
}

/**
 * What changed from `against` (default: the region's version before) to version `id`; both must
 * be of one region. No earlier version → LT_ERR_FORECAST_NOT_FOUND.
 */
export async function forecastDiff(
  db: Db,
  p: Principal,
  config: ForecastsConfig,
  id: number,
  against?: number,
): Promise<ForecastDiffView> {
  const after = await readableVersion(db, p, id);
  const otherId =
    against ?? (await previousForecastVersionId(db.kysely, after.region, after.version));
  if (otherId === undefined)
    throw new LantianError(
      'LT_ERR_FORECAST_NOT_FOUND',
      `${after.region} 第 ${after.version} 版之前没有版本`,
    );
  const before = await readableVersion(db, p, otherId);
  if (before.region !== after.region)
    throw new LantianError('LT_ERR_BAD_REQUEST', '只能比较同一地区的两个预报版本');
  const names = await regionNames(db);
  const name = names.get(after.region) ?? null;
  const gb = gradeVersion(before, config.warning);
  const ga = gradeVersion(after, config.warning);
  return {
    before: versionView(before, name),
    after: versionView(after, name),
    days: diffForecasts(before, after),
    levels: {
      before: { level: gb.level, edition: gb.edition },
      after: { level: ga.level, edition: ga.edition },
    },
  };
}
