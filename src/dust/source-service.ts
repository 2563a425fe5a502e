/**
 * The dust-source registry (建档立卡, plan 四.1): register or change a source (city office, or a
 * county for its own region), list and read them in scope, with the 8-standard checklist, open
 * inspections and alarms and the linked monitors.
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { listRegions } from '../air/region-repo.ts';
import { assertDepartmentKnown } from '../auth/department-names.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import {
  admitsSource,
  assertRegionWrite,
  assertSourceScope,
  dustVisibility,
} from './dust-scope.ts';
import { eightStandards } from './eight-standards.ts';
import { sourceProblem, type ValidSourceInput } from './rules/source-check.ts';
import type { DustSourceColumns, DustSourceRow } from './source-repo.ts';
import {
  findSourceById,
  listSources,
  monitorsBySource,
  openCounts,
  saveSource,
} from './source-repo.ts';

/** A source as the API shows it. */
export interface DustSourceView {
  id: number;
  code: string;
  name: string;
  kind: string;
  constructionType: string | null;
  owner: string;
  department: string;
  regionAdcode: string;
  regionName: string | null;
  lon: number;
  lat: number;
  polygon: number[][] | null;
  startDate: string | null;
  endDate: string | null;
  checklist: Record<string, boolean | null>;
  checklistMet: number;
  openInspections: number;
  openAlarms: number;
  devices: string[];
}

/** Checks a registration (department, region, rules) and gives its columns; nothing stored. */
export async function sourceColumns(db: Db, s: ValidSourceInput): Promise<DustSourceColumns> {
  const problem = sourceProblem(
    s,
    eightStandards().items.map((i) => i.key),
  );
  if (problem) throw new LantianError('LT_ERR_DUST_BAD_SOURCE', `${s.code}：${problem}`);
  await assertDepartmentKnown(db, s.department);
  const regions = await listRegions(db);
  if (!regions.some((r) => r.adcode === s.regionAdcode))
    throw new LantianError('LT_ERR_REGION_NOT_FOUND', s.regionAdcode);
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    construction_type: s.constructionType,
    owner: s.owner,
    department: s.department,
    region_adcode: s.regionAdcode,
    lon: s.lon,
    lat: s.lat,
    polygon: s.polygon ? JSON.stringify(s.polygon) : null,
    start_date: s.startDate,
    end_date: s.endDate,
    checklist: JSON.stringify(s.checklist),
  };
}

/** Registers or replaces (by code) a source; answers its view. */
export async function registerSource(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  s: ValidSourceInput,
): Promise<DustSourceView> {
  const cols = await sourceColumns(db, s);
  await assertRegionWrite(db, p, cols.region_adcode);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const created = await saveSource(trx, cols, now);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: created ? 'dust.source.create' : 'dust.source.update',
      target: `dust-source:${cols.code}`,
      detail: { ...cols, polygon: cols.polygon ? 'set' : null },
    });
  });
  const views = await sourceViews(db, p, {});
  return views.find((v) => v.code === cols.code)!;
}

/** The sources a principal sees. */
export async function sourceViews(
  db: Db,
  p: Principal,
  f: { kind?: string; region?: string },
): Promise<DustSourceView[]> {
  const v = await dustVisibility(db, p);
  const rows = (
    await listSources(db.kysely, v, { kind: f.kind, regions: f.region ? [f.region] : undefined })
  ).filter((r) => admitsSource(v, r));
  const names = new Map((await listRegions(db)).map((r) => [r.adcode, r.name]));
  const monitors = await monitorsBySource(db.kysely);
  const open = await openCounts(db.kysely);
  return rows.map((r) => viewOf(r, names, monitors, open));
}

function viewOf(
  r: DustSourceRow,
  names: Map<string, string>,
  monitors: Map<number, string[]>,
  open: { inspections: Map<number, number>; alarms: Map<number, number> },
): DustSourceView {
  const checklist = JSON.parse(r.checklist) as Record<string, boolean | null>;
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    constructionType: r.construction_type,
    owner: r.owner,
    department: r.department,
    regionAdcode: r.region_adcode,
    regionName: names.get(r.region_adcode) ?? null,
    lon: r.lon,
    lat: r.lat,
    polygon: r.polygon ? (JSON.parse(r.polygon) as number[][]) : null,
    startDate: r.start_date,
    endDate: r.end_date,
    checklist,
    checklistMet: Object.values(checklist).filter((v) => v === true).length,
    openInspections: open.inspections.get(r.id) ?? 0,
    openAlarms: open.alarms.get(r.id) ?? 0,
    devices: monitors.get(r.id) ?? [],
  };
}

/** One source the principal may see; LT_ERR_DUST_SOURCE_NOT_FOUND / LT_ERR_OUT_OF_SCOPE. */
export async function visibleSource(db: Db, p: Principal, id: number): Promise<DustSourceRow> {
  const row = await findSourceById(db.kysely, id);
  if (!row) throw new LantianError('LT_ERR_DUST_SOURCE_NOT_FOUND', String(id));
  await assertSourceScope(db, p, row);
  return row;
}
