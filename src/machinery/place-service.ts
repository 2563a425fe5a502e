/**
 * Low-emission zones and sites: the zones (GeoJSON polygons with their rules) are kept by the
 * city (city office and departments); sites are registered by the city or their county and know
 * which zones they lie in (rules/zone-verdict.ts). The verdict at a position tells the field
 * page whether a machine may work there.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { findRegion } from '../air/region-repo.ts';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import { findMachineByCode } from './machine-repo.ts';
import type { MachineryConfig } from './machinery-config.ts';
import { assertMachineryScope, machineryRegions } from './machinery-scope.ts';
import {
  findSite,
  findZone,
  insertSite,
  insertZone,
  listSites,
  listZones,
  replaceZone,
  type SiteRow,
  type ZoneRow,
} from './place-repo.ts';
import { geometryProblem, type ZoneGeometry } from './rules/zone-geometry.ts';
import { normaliseCode } from './rules/registration-code.ts';
import type { Stage } from './rules/stages.ts';
import {
  zonesAt,
  zoneVerdict,
  type MachineFacts,
  type ZoneRule,
  type ZoneVerdict,
} from './rules/zone-verdict.ts';
import type { SiteBody, SiteOut, VerdictQuery, ZoneBody, ZoneOut } from './schema.ts';

type Zone = z.output<typeof ZoneOut>;
type Site = z.output<typeof SiteOut>;
type K = Kysely<DatabaseSchema>;

function zoneView(r: ZoneRow): Zone {
  return {
    id: r.id,
    name: r.name,
    geometry: JSON.parse(r.geometry) as Zone['geometry'],
    minStage: r.min_stage,
    bansUncoded: r.bans_uncoded === 1,
    approximate: r.approximate === 1,
    basis: r.basis,
    note: r.note,
    updatedBy: r.updated_by,
    updatedAt: Number(r.updated_at),
  };
}

/** The zones as the pure rule reads them. */
export async function zoneRules(k: K): Promise<ZoneRule[]> {
  return (await listZones(k)).map((r) => ({
    id: r.id,
    name: r.name,
    geometry: JSON.parse(r.geometry) as ZoneGeometry,
    minStage: r.min_stage,
    bansUncoded: r.bans_uncoded === 1,
  }));
}

function siteView(r: SiteRow, zones: readonly ZoneRule[]): Site {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    regionAdcode: r.region_adcode,
    lon: r.lon,
    lat: r.lat,
    address: r.address,
    zones: zonesAt(r.lon, r.lat, zones).map((z) => ({ id: z.id, name: z.name })),
  };
}

/** Every zone. */
export async function zoneList(db: Db): Promise<{ items: Zone[] }> {
  return { items: (await listZones(db.kysely)).map(zoneView) };
}

const ZONE_KEEPERS = new Set(['city-admin', 'department']);

/** The row of a zone body (checked). */
function zoneRow(cfg: MachineryConfig, b: z.output<typeof ZoneBody>, by: string, now: number) {
  const problem = geometryProblem(b.geometry);
  if (problem) throw new LantianError('LT_ERR_MACHINERY_BAD_ZONE', problem);
  return {
    name: b.name.trim(),
    geometry: JSON.stringify(b.geometry),
    min_stage: b.minStage ?? cfg.defaultMinStage,
    bans_uncoded: b.bansUncoded ? 1 : 0,
    approximate: b.approximate ? 1 : 0,
    basis: b.basis.trim(),
    note: b.note ?? null,
    updated_by: by,
    updated_at: now,
  };
}

/** Adds a zone (city office, departments). */
export async function createZone(
  db: Db,
  clock: Clock,
  cfg: MachineryConfig,
  p: Principal,
  who: ActorContext,
  b: z.output<typeof ZoneBody>,
): Promise<Zone> {
  if (!ZONE_KEEPERS.has(p.role)) throw new LantianError('LT_ERR_FORBIDDEN', '低排放区由市级维护');
  const now = clock.now();
  const row = zoneRow(cfg, b, who.actor, now);
  const id = await db.kysely.transaction().execute(async (trx) => {
    const zid = await insertZone(trx, row);
    await recordAudit(trx, now, { ...who, action: 'machinery.zone', target: row.name });
    return zid;
  });
  return zoneView((await findZone(db.kysely, id))!);
}

/** Replaces a zone's polygon and rules (city office, departments). */
export async function changeZone(
  db: Db,
  clock: Clock,
  cfg: MachineryConfig,
  p: Principal,
  who: ActorContext,
  id: number,
  b: z.output<typeof ZoneBody>,
): Promise<Zone> {
  if (!ZONE_KEEPERS.has(p.role)) throw new LantianError('LT_ERR_FORBIDDEN', '低排放区由市级维护');
  if (!(await findZone(db.kysely, id)))
    throw new LantianError('LT_ERR_MACHINERY_ZONE_NOT_FOUND', `编号 ${id}`);
  const now = clock.now();
  const row = zoneRow(cfg, b, who.actor, now);
  await db.kysely.transaction().execute(async (trx) => {
    await replaceZone(trx, id, row);
    await recordAudit(trx, now, { ...who, action: 'machinery.zone', target: row.name });
  });
  return zoneView((await findZone(db.kysely, id))!);
}

/** The sites the principal may see, each with the zones it lies in. */
export async function siteList(db: Db, p: Principal): Promise<{ items: Site[] }> {
  const zones = await zoneRules(db.kysely);
  const rows = await listSites(db.kysely, await machineryRegions(db, p));
  return { items: rows.map((r) => siteView(r, zones)) };
}

/** Registers a site in a county the principal may see. */
export async function createSite(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  b: z.output<typeof SiteBody>,
): Promise<Site> {
  if (!(await findRegion(db, b.regionAdcode)))
    throw new LantianError('LT_ERR_REGION_NOT_FOUND', `区县代码 ${b.regionAdcode}`);
  await assertMachineryScope(db, p, b.regionAdcode, `行政区 ${b.regionAdcode}`);
  const now = clock.now();
  const id = await db.kysely.transaction().execute(async (trx) => {
    const sid = await insertSite(trx, {
      name: b.name.trim(),
      kind: b.kind,
      region_adcode: b.regionAdcode,
      lon: b.lon,
      lat: b.lat,
      address: b.address ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, now, { ...who, action: 'machinery.site', target: b.name });
    return sid;
  });
  return siteView((await findSite(db.kysely, id))!, await zoneRules(db.kysely));
}

/** What is known of the machine with a code: registered with its stage, or not registered. */
export async function factsOfCode(k: K, code: string): Promise<MachineFacts & { id?: number }> {
  const c = code.trim() ? normaliseCode(code) : undefined;
  if (code.trim() && !c) throw new LantianError('LT_ERR_MACHINERY_BAD_CODE', code.slice(0, 40));
  const row = c ? await findMachineByCode(k, c) : undefined;
  return row
    ? { registered: true, stage: row.emission_stage as Stage, id: row.id }
    : { registered: false };
}

/** The zone verdict at a position for the machine with that code (none: unregistered). */
export async function verdictAt(db: Db, q: z.output<typeof VerdictQuery>): Promise<ZoneVerdict> {
  const facts = await factsOfCode(db.kysely, q.code ?? '');
  return zoneVerdict(q.lon, q.lat, await zoneRules(db.kysely), facts);
}
