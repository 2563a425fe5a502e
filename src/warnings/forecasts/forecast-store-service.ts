/**
 * Storing forecasts: one entered by hand (the tab's form), posted by a forecasting system over the
 * API (an API token of a writer's account), or read from a file (forecast-import-service.ts).
 * Each store is a new version of its region's forecast (nothing is overwritten), with who and
 * when, audited. Refusals list every problem with its stable code (rules/forecast-input.ts).
 */
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { findRegion } from '../../air/region-repo.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { assertForecastWriter } from './forecast-access.ts';
import type { ForecastsConfig } from './forecast-config.ts';
import {
  insertForecastVersion,
  loadForecastVersion,
  type ForecastOrigin,
} from './forecast-repo.ts';
import { versionView, type ForecastVersionView } from './forecast-views.ts';
import {
  checkForecastInput,
  type ForecastInput,
  type ForecastInputIssue,
} from './rules/forecast-input.ts';

/** The refusal of a forecast: the first problem's code, every problem in `issues`. */
export function forecastRefusal(issues: readonly ForecastInputIssue[]): LantianError {
  const first = issues[0]!;
  return new LantianError(
    first.code,
    issues.map((i) => `${i.path ? `${i.path}：` : ''}${i.detail}`).join('；'),
    { issues },
  );
}

/** Where a store came from: a session → manual, a token → api. */
export function originOf(p: Principal): ForecastOrigin {
  return p.via === 'token' ? 'api' : 'manual';
}

/** Stores one forecast as a new version of its region; returns the version. */
export async function storeForecast(
  db: Db,
  clock: Clock,
  config: ForecastsConfig,
  p: Principal,
  who: ActorContext,
  input: ForecastInput,
  origin: ForecastOrigin,
): Promise<ForecastVersionView> {
  await assertForecastWriter(db, p);
  const c = checkForecastInput(input, config.bounds);
  if (!c.ok) throw forecastRefusal(c.issues);
  const region = await findRegion(db, c.forecast.region);
  if (!region) throw new LantianError('LT_ERR_REGION_NOT_FOUND', c.forecast.region);
  const now = clock.now();
  const stored = await insertForecastVersion(
    db.kysely,
    {
      region: c.forecast.region,
      issued: c.forecast.issued,
      days: c.forecast.days,
      aqiLow: c.aqiLow,
      origin,
      author: who.actor,
      note: input.note ?? null,
    },
    now,
  );
  await recordAudit(db, now, {
    actor: who.actor,
    ip: who.ip ?? null,
    action: 'forecast.store',
    target: `forecast:${c.forecast.region}/v${stored.version}`,
    detail: { id: stored.id, origin, issued: c.forecast.issued, days: c.forecast.days.length },
  });
  return versionView((await loadForecastVersion(db.kysely, stored.id))!, region.name);
}
