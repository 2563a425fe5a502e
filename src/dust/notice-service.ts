/**
 * The monthly dust notice: gathers the month's dust-fall ranking, the PM10 ranking of the units
 * (null when the plan ranking cannot be computed) and the month's inspections per unit, and
 * renders Excel or PDF. The notice is the city's publication: every unit sees the whole ranking.
 */
import { isLantianError } from '../errors.ts';
import { planName } from './plan-name.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';
import { epochToLocalDate } from '../time/zoned-time.ts';
import type { DustConfig } from './dust-config.ts';
import { fallRanking } from './fall-service.ts';
import { listInspections } from './inspection-repo.ts';
import type { DustNotice, UnitInspections } from './notice-content.ts';
import { dustNoticePdf } from './notice-pdf.ts';
import { dustNoticeXlsx } from './notice-sheet.ts';
import { pm10Ranking } from './pm10-ranking-service.ts';

/** The notice's content for a plan and month. */
export async function dustNotice(
  db: Db,
  clock: Clock,
  cfg: DustConfig,
  planId: string,
  month: string,
): Promise<DustNotice> {
  const fall = await fallRanking(db, cfg, planId, month);
  let pm10: DustNotice['pm10'] = null;
  try {
    const r = await pm10Ranking(db, planId, month);
    pm10 = { edition: r.edition, rows: r.rows };
  } catch (e) {
    if (!isLantianError(e)) throw e;
  }
  const ins = (await listInspections(db.kysely, {})).filter((i) =>
    i.inspected_on.startsWith(month),
  );
  const inspections: UnitInspections[] = fall.rows.map((r) => {
    const mine = ins.filter((i) => i.region_adcode === r.adcode);
    return {
      adcode: r.adcode,
      inspected: mine.length,
      failed: mine.filter((i) => i.passed === 0).length,
      open: mine.filter((i) => i.status === 'open').length,
    };
  });
  return {
    cityName: await planName(db, planId),
    month,
    fall,
    pm10,
    inspections,
    issuedOn: epochToLocalDate('Asia/Shanghai', clock.now()),
  };
}

/** The notice as a file. */
export async function dustNoticeFile(
  db: Db,
  clock: Clock,
  cfg: DustConfig,
  planId: string,
  month: string,
  format: 'xlsx' | 'pdf',
): Promise<{ filename: string; type: string; data: Buffer }> {
  const n = await dustNotice(db, clock, cfg, planId, month);
  return format === 'xlsx'
    ? {
        filename: `降尘通报-${month}.xlsx`,
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data: await dustNoticeXlsx(n),
      }
    : { filename: `降尘通报-${month}.pdf`, type: 'application/pdf', data: await dustNoticePdf(n) };
}
