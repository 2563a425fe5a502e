/**
 * Importing forecasts from a file (CSV or Excel; rules/forecast-sheet.ts has the columns), all or
 * nothing: every row is checked, rows are grouped by region and issue date into one forecast each
 * and each forecast is checked like one entered by hand (gaps, duplicate dates, AQI outside
 * 0–500, days 3–7, …). Any problem refuses the whole file with LT_ERR_IMPORT_REJECTED listing
 * file, row, column and a stable code; nothing is stored. Otherwise every forecast becomes a new
 * version of its region in one transaction, audited.
 */
import { findRegion } from '../../air/region-repo.ts';
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { assertForecastWriter } from './forecast-access.ts';
import type { ForecastsConfig } from './forecast-config.ts';
import type { ForecastTable } from './forecast-files.ts';
import { insertForecastVersion } from './forecast-repo.ts';
import { checkForecastInput } from './rules/forecast-input.ts';
import { forecastsOfSheet, type SheetIssue } from './rules/forecast-sheet.ts';

/** What an import stored: one version per region. */
export interface ForecastImportResult {
  file: string;
  versions: Array<{ id: number; region: string; version: number; issued: string; days: number }>;
}

/** Imports the forecasts of a file read by `read` (read only once the principal may write). */
export async function importForecasts(
  db: Db,
  clock: Clock,
  config: ForecastsConfig,
  p: Principal,
  who: ActorContext,
  read: () => Promise<{ filename: string; table: ForecastTable }>,
): Promise<ForecastImportResult> {
  await assertForecastWriter(db, p);
  const { filename, table } = await read();
  const { forecasts, issues } = forecastsOfSheet(table.rows, config.bounds);
  const all: SheetIssue[] = [...table.issues, ...issues];
  for (const f of forecasts)
    if (!(await findRegion(db, f.input.region)))
      all.push({
        row: f.rows[0]!,
        column: '地区代码',
        code: 'LT_ERR_REGION_NOT_FOUND',
        detail: `地区代码 ${f.input.region} 未登记`,
      });
  if (all.length > 0) {
    all.sort((a, b) => a.row - b.row);
    throw new LantianError('LT_ERR_IMPORT_REJECTED', `${filename}：${all.length} 处问题`, {
      issues: all.slice(0, 200).map((i) => ({ file: filename, ...i })),
    });
  }
  const now = clock.now();
  return db.kysely.transaction().execute(async (trx) => {
    const versions: ForecastImportResult['versions'] = [];
    for (const f of forecasts) {
      const c = checkForecastInput(f.input, config.bounds);
      if (!c.ok) throw new Error('checked above');
      const v = await insertForecastVersion(
        trx,
        {
          region: c.forecast.region,
          issued: c.forecast.issued,
          days: c.forecast.days,
          aqiLow: c.aqiLow,
          origin: 'import',
          author: who.actor,
          note: filename,
        },
        now,
      );
      versions.push({
        id: v.id,
        region: c.forecast.region,
        version: v.version,
        issued: c.forecast.issued,
        days: c.forecast.days.length,
      });
    }
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'forecast.import',
      target: `file:${filename}`,
      detail: { versions: versions.map((v) => `${v.region}/v${v.version}`) },
    });
    return { file: filename, versions };
  });
}
