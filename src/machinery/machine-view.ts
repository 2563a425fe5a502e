/** A machine as the API shows it: its row, its site's name and its photos. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import { photosOf, type MachineRow, type PhotoRow } from './machine-repo.ts';
import { sitesByIds } from './place-repo.ts';
import { STAGE_NAMES, type Stage } from './rules/stages.ts';
import type { MachineOut, PhotoOut } from './schema.ts';
import type { z } from 'zod';

type Machine = z.output<typeof MachineOut>;

/** A photo row as shown. */
export function photoView(p: PhotoRow): z.output<typeof PhotoOut> {
  return { id: p.id, kind: p.kind, filename: p.filename, mediaType: p.media_type, size: p.size };
}

/** The views of machine rows (two queries whatever their number). */
export async function machineViews(
  k: Kysely<DatabaseSchema>,
  rows: readonly MachineRow[],
): Promise<Machine[]> {
  const siteIds = [...new Set(rows.flatMap((r) => (r.site_id === null ? [] : [r.site_id])))];
  const sites = new Map((await sitesByIds(k, siteIds)).map((s) => [s.id, s.name]));
  const photos = await photosOf(
    k,
    'machine_id',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    codeOrigin: r.code_origin === 'issued' ? 'issued' : 'imported',
    ownerName: r.owner_name,
    ownerIdNo: r.owner_id_no,
    ownerPhone: r.owner_phone,
    machineType: r.machine_type,
    emissionStage: r.emission_stage as Stage,
    emissionStageName: STAGE_NAMES[r.emission_stage as Stage] ?? r.emission_stage,
    engineModel: r.engine_model,
    engineNumber: r.engine_number,
    manufactureYear: r.manufacture_year,
    siteId: r.site_id,
    siteName: r.site_id === null ? null : (sites.get(r.site_id) ?? null),
    regionAdcode: r.region_adcode,
    photos: photos.filter((p) => p.machine_id === r.id).map(photoView),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  }));
}
