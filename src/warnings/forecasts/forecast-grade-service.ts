/**
 * The recommended warning level of a stored forecast version: the pure grading core
 * (src/standards/warning, docs/warnings.md §2) under the edition and settings configured for the
 * version's region (a county inherits its city's), read on the version's issue date. The answer
 * names the edition, its document and the reason, and the lead time against the region's
 * required lead (Handan: 3 days).
 */
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import {
  gradeForecast,
  resolveWarningRules,
  warningSettingsFor,
  type WarningConfig,
  type WarningGrade,
} from '../../standards/warning/index.ts';
import type { Db } from '../../store/db.ts';
import { assertForecastReader } from './forecast-access.ts';
import { loadForecastVersion, type StoredForecastVersion } from './forecast-repo.ts';

/** A version's grade with the edition's title. */
export type VersionGrade = WarningGrade & {
  versionId: number;
  version: number;
  title: string;
};

/** Grades a stored version under its region's configuration. */
export function gradeVersion(v: StoredForecastVersion, config: WarningConfig): VersionGrade {
  const settings = warningSettingsFor(config, v.region);
  const resolved = resolveWarningRules(settings, v.issued);
  return {
    ...gradeForecast(v.forecast, resolved),
    versionId: v.id,
    version: v.version,
    title: resolved.spec.title,
  };
}

/** A version the principal may read, or LT_ERR_FORECAST_NOT_FOUND / LT_ERR_OUT_OF_SCOPE. */
export async function readableVersion(
  db: Db,
  p: Principal,
  id: number,
): Promise<StoredForecastVersion> {
  const v = await loadForecastVersion(db.kysely, id);
  if (!v) throw new LantianError('LT_ERR_FORECAST_NOT_FOUND', `预报版本 ${id}`);
  await assertForecastReader(db, p, v.region);
  return v;
}

/** GET /api/warnings/forecasts/:id/grade. */
export async function forecastGrade(
  db: Db,
  p: Principal,
  id: number,
  config: WarningConfig,
): Promise<VersionGrade> {
  return gradeVersion(await readableVersion(db, p, id), config);
}
