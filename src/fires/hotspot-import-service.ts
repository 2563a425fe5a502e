/**
 * Importing a satellite hotspot file (NASA FIRMS CSV form, rules/hotspot-row.ts) from the CLI or
 * the city office's upload: a file without the required columns is refused whole (nothing
 * stored); a row that cannot be read is recorded with its code and skipped; every readable row is
 * taken in (intake.ts) in time order, so the result does not depend on the file's row order.
 * One transaction: the import log, its issues, observations and events commit together.
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { LantianError } from '../errors.ts';
import type { Progress } from '../imports/progress.ts';
import { parseCsvLine } from '../imports/csv-line.ts';
import { splitLines } from '../imports/text-file.ts';
import type { Db } from '../store/db.ts';
import { areasOf } from './areas.ts';
import type { FiresConfig } from './fires-config.ts';
import { rulesRecord, takeIn } from './intake.ts';
import {
  headerIndex,
  isIssue,
  readHotspot,
  type Hotspot,
  type HotspotIssue,
} from './rules/hotspot-row.ts';

/** What an import did. */
export interface HotspotImportSummary {
  importId: number;
  rows: number;
  accepted: number;
  outside: number;
  repeated: number;
  merged: number;
  newEvents: number;
  errors: number;
  issues: Array<HotspotIssue & { line: number }>;
  /** Events opened, by county adcode. */
  dispatched: Record<string, number>;
}

const MAX_ISSUES_RETURNED = 200;

/** Imports one hotspot file's bytes. */
export async function importHotspots(
  db: Db,
  cfg: FiresConfig,
  now: number,
  who: ActorContext,
  fileName: string,
  data: Uint8Array,
  progress: Progress,
): Promise<HotspotImportSummary> {
  if (data.length > cfg.maxFileBytes)
    throw new LantianError(
      'LT_ERR_FIRE_FILE_TOO_LARGE',
      `${data.length} 字节，上限 ${cfg.maxFileBytes}`,
    );
  const text = new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, '');
  if (text.includes('\0')) throw new LantianError('LT_ERR_NUL_CHARACTER', fileName);
  const { lines } = splitLines(text.endsWith('\n') ? text : `${text}\n`);
  const head = parseCsvLine(lines[0] ?? '');
  const { index, missing } = headerIndex(head.ok ? head.fields : []);
  if (!head.ok || missing.length > 0)
    throw new LantianError('LT_ERR_FIRE_CSV_HEADER', `缺少列：${missing.join('、') || '表头'}`);
  const width = index.size;

  const issues: Array<HotspotIssue & { line: number }> = [];
  const spots: Array<Hotspot & { line: number }> = [];
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    rows++;
    const split = parseCsvLine(raw);
    if (!split.ok || split.fields.length !== width) {
      issues.push({
        line: i + 1,
        code: 'LT_ERR_FIRE_ROW_FORMAT',
        field: null,
        detail: split.ok ? `${split.fields.length} 列，表头 ${width} 列` : '引号未闭合',
      });
      continue;
    }
    const r = readHotspot(split.fields, index);
    if (isIssue(r)) issues.push({ ...r, line: i + 1 });
    else spots.push({ ...r, line: i + 1 });
  }
  spots.sort((a, b) => a.at - b.at || a.line - b.line);

  const areas = areasOf(cfg);
  const counts = { accepted: 0, outside: 0, repeated: 0, merged: 0, newEvents: 0 };
  const dispatched: Record<string, number> = {};
  progress.start('导入火点', spots.length);
  const importId = await db.kysely.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('fire_imports')
      .values({
        file_name: fileName,
        imported_by: who.actor,
        imported_at: now,
        rows,
        accepted: 0,
        outside: 0,
        repeated: 0,
        merged: 0,
        new_events: 0,
        errors: issues.length,
        rules: rulesRecord(cfg),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const s of issues)
      await trx
        .insertInto('fire_import_issues')
        .values({ import_id: id, line: s.line, field: s.field, code: s.code, detail: s.detail })
        .execute();
    for (const s of spots) {
      const r = await takeIn(trx, cfg, areas, now, who.actor, {
        obs_key: s.key,
        source: 'satellite',
        import_id: id,
        line: s.line,
        camera_id: null,
        observed_at: s.at,
        lon: s.lon,
        lat: s.lat,
        satellite: s.satellite,
        instrument: s.instrument,
        confidence: s.confidence,
        confidence_level: s.confidenceLevel,
        brightness: s.brightness,
        frp: s.frp,
        daynight: s.daynight,
        image_sha256: null,
        image_type: null,
        received_at: now,
      });
      if (r.kind === 'repeated') counts.repeated++;
      else if (r.kind === 'outside') counts.outside++;
      else {
        counts.accepted++;
        if (r.kind === 'merged') counts.merged++;
        else {
          counts.newEvents++;
          dispatched[r.county] = (dispatched[r.county] ?? 0) + 1;
        }
      }
      progress.tick(1);
    }
    await trx
      .updateTable('fire_imports')
      .set({
        accepted: counts.accepted,
        outside: counts.outside,
        repeated: counts.repeated,
        merged: counts.merged,
        new_events: counts.newEvents,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, now, {
      ...who,
      action: 'fire.import',
      target: `fire-import:${id}`,
      detail: { fileName, rows, ...counts, errors: issues.length },
    });
    return id;
  });
  progress.stop();
  return {
    importId,
    rows,
    ...counts,
    errors: issues.length,
    issues: issues.slice(0, MAX_ISSUES_RETURNED),
    dispatched,
  };
}
