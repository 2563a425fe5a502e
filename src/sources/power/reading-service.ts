/**
 * Power readings in by CSV upload and by HTTP (a JSON batch): all or nothing, every bad row listed
 * with its number and a stable code (reading-rows.ts). The city office and the bureau may send
 * readings of any enterprise, an enterprise account those of its own meters; a county reads only.
 */
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { csvUploadText } from '../../tasks/uploaded-table.ts';
import { writableEnterprise } from './enterprise-ref.ts';
import { listMeters } from './meter-repo.ts';
import type { PowerConfig } from './power-config.ts';
import { upsertReadings } from './reading-repo.ts';
import { checkReadings, csvReadings, type RawReading, type ReadingIssue } from './reading-rows.ts';

/** What a batch did. */
export interface ReadingsResult {
  /** Readings received. */
  received: number;
  /** Readings new or changed (a re-sent batch writes none). */
  written: number;
}

function refuse(what: string, issues: ReadingIssue[]): never {
  issues.sort((a, b) => a.row - b.row);
  throw new LantianError('LT_ERR_IMPORT_REJECTED', `${what}：${issues.length} 行有问题`, {
    issues: issues.slice(0, 200),
  });
}

/** Stores a batch of readings of one enterprise, or none of them. */
export async function acceptReadings(
  db: Db,
  clock: Clock,
  config: PowerConfig,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  rows: readonly RawReading[],
  origin: 'csv' | 'api',
  what: string,
  earlier: readonly ReadingIssue[] = [],
): Promise<ReadingsResult> {
  const e = await writableEnterprise(db, p, creditCode, true);
  if (rows.length > config.maxReadings)
    throw new LantianError(
      'LT_ERR_TOO_MANY_READINGS',
      `${rows.length} 条，上限 ${config.maxReadings}`,
    );
  const meters = new Map((await listMeters(db.kysely, e.id)).map((m) => [m.code, m.id]));
  const now = clock.now();
  const { readings, issues } = checkReadings(rows, meters, config.timeZone, now);
  if (issues.length + earlier.length > 0) refuse(what, [...earlier, ...issues]);
  const written = await db.kysely.transaction().execute(async (trx) => {
    const n = await upsertReadings(
      trx,
      readings.map((r) => ({
        meter_id: r.meterId,
        time: r.time,
        kw: r.kw,
        kwh: r.kwh,
        origin,
        received_at: now,
      })),
    );
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'power.readings',
      target: `enterprise:${e.credit_code}`,
      detail: { origin, what, received: rows.length, written: n },
    });
    return n;
  });
  return { received: rows.length, written };
}

/** Stores the readings of an uploaded CSV file (meter,time,kw[,kwh]), or none of them. */
export async function acceptReadingsCsv(
  db: Db,
  clock: Clock,
  config: PowerConfig,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  upload: () => Promise<{ filename: string; data: Uint8Array }>,
): Promise<ReadingsResult> {
  // Scope before the upload is read: another enterprise's file is refused unread.
  await writableEnterprise(db, p, creditCode, true);
  const { filename, data } = await upload();
  const text = csvUploadText(filename, data);
  const parsed = csvReadings(text);
  if (parsed.issues.some((i) => i.code === 'LT_ERR_CSV_HEADER'))
    throw new LantianError('LT_ERR_CSV_HEADER', `${filename}：${parsed.issues[0]!.detail}`);
  // Malformed lines and the checks of the others are listed together, in one answer.
  return acceptReadings(
    db,
    clock,
    config,
    p,
    who,
    creditCode,
    parsed.rows,
    'csv',
    filename,
    parsed.issues,
  );
}
