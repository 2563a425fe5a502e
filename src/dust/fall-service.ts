/**
 * Dust-fall monitoring (plan 四.9; HJ 1221, docs/standards/dust-fall.md §1–§2): sampling points
 * of the plan's units, monthly samples entered or imported and computed by the pure rule (inputs
 * and result kept with the rule's edition), and the month's ranking of the units against their
 * targets (7 main city, 8 others by default; per plan and unit in the store).
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import { resolvePlanVersion } from '../plan/plan-service.ts';
import type { Db } from '../store/db.ts';
import type { DustConfig } from './dust-config.ts';
import { assertRegionWrite, dustVisibility } from './dust-scope.ts';
import {
  findPoint,
  insertPoint,
  listPoints,
  monthSamples,
  saveSample,
  saveTarget,
  storedTargets,
  type PointRow,
  type SampleColumns,
} from './fall-repo.ts';
import { dustFall, DUST_FALL_EDITION } from './rules/dust-fall.ts';
import { rankDustFall, type UnitDustRow } from './rules/dust-ranking.ts';

/** One sample as entered. */
export interface SampleEntry {
  point: string;
  month: string;
  sampleG: number;
  blankG: number;
  areaCm2: number;
  days: number;
}

/** A unit of a plan with its dust-fall target. */
export interface DustUnit {
  adcode: string;
  name: string;
  target: number;
  mainCity: boolean;
}

/** The month's ranking. */
export interface FallRanking {
  plan: string;
  month: string;
  edition: string;
  rows: Array<UnitDustRow & { mainCity: boolean }>;
  exceeding: string[];
  missing: string[];
}

/** The units of a plan with their targets (stored overrides, else the configured defaults). */
export async function dustUnits(db: Db, cfg: DustConfig, planId: string): Promise<DustUnit[]> {
  const doc = (await resolvePlanVersion(db, planId)).document;
  const main = new Set(doc.mainCity?.members ?? []);
  const stored = await storedTargets(db.kysely, planId);
  return doc.units.map((u) => ({
    adcode: u.adcode,
    name: u.name,
    mainCity: main.has(u.adcode),
    target: stored.get(u.adcode) ?? (main.has(u.adcode) ? cfg.mainCityTarget : cfg.otherTarget),
  }));
}

async function assertPlanUnit(db: Db, cfg: DustConfig, planId: string, adcode: string) {
  const units = await dustUnits(db, cfg, planId);
  if (!units.some((u) => u.adcode === adcode))
    throw new LantianError('LT_ERR_DUST_NOT_PLAN_UNIT', `${adcode} 不在方案 ${planId} 中`);
}

/** Registers a sampling point of a plan unit (city office, or the unit's county). */
export async function createPoint(
  db: Db,
  clock: Clock,
  cfg: DustConfig,
  p: Principal,
  who: ActorContext,
  planId: string,
  pt: { code: string; name: string; regionAdcode: string; lon: number | null; lat: number | null },
): Promise<void> {
  await assertPlanUnit(db, cfg, planId, pt.regionAdcode);
  await assertRegionWrite(db, p, pt.regionAdcode);
  if (await findPoint(db.kysely, pt.code))
    throw new LantianError('LT_ERR_DUST_POINT_EXISTS', pt.code);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await insertPoint(trx, {
      code: pt.code,
      name: pt.name,
      region_adcode: pt.regionAdcode,
      lon: pt.lon,
      lat: pt.lat,
      created_at: now,
    });
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'dust.point.create',
      target: `dust-point:${pt.code}`,
      detail: pt,
    });
  });
}

/** The points a principal sees (departments and the city office: all). */
export async function visiblePoints(db: Db, p: Principal): Promise<PointRow[]> {
  const v = await dustVisibility(db, p);
  if (v.kind === 'none') return [];
  return listPoints(db.kysely, v.kind === 'regions' ? v.regions : undefined);
}

/** The columns of one entry, or a message saying what is wrong with it. */
function sampleColumns(
  e: SampleEntry,
  point: PointRow,
  who: string,
  now: number,
): SampleColumns | string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(e.month)) return `月份 ${e.month} 应为 YYYY-MM`;
  try {
    const r = dustFall(e);
    return {
      point_id: point.id,
      month: e.month,
      sample_g: e.sampleG,
      blank_g: e.blankG,
      area_cm2: e.areaCm2,
      days: e.days,
      exact: r.exact,
      value: r.value,
      edition: DUST_FALL_EDITION,
      entered_by: who,
      entered_at: now,
    };
  } catch (err) {
    if (err instanceof RangeError) return err.message;
    throw err;
  }
}

/** Checks every entry (point known and writable, values possible) and returns their columns. */
export async function checkedSamples(
  db: Db,
  p: Principal,
  who: string,
  now: number,
  entries: ReadonlyArray<SampleEntry & { row?: number }>,
): Promise<{
  ok: SampleColumns[];
  problems: Array<{ row: number; code: string; detail: string }>;
}> {
  const v = await dustVisibility(db, p);
  const points = new Map((await listPoints(db.kysely)).map((x) => [x.code, x]));
  const ok: SampleColumns[] = [];
  const problems: Array<{ row: number; code: string; detail: string }> = [];
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const row = e.row ?? i + 1;
    const point = points.get(e.point);
    if (!point) return problems.push({ row, code: 'LT_ERR_DUST_POINT_NOT_FOUND', detail: e.point });
    const writable =
      v.kind === 'all' || (v.kind === 'regions' && v.regions.includes(point.region_adcode));
    if (!writable)
      return problems.push({ row, code: 'LT_ERR_OUT_OF_SCOPE', detail: `采样点 ${e.point}` });
    const key = `${e.point}|${e.month}`;
    if (seen.has(key))
      return problems.push({
        row,
        code: 'LT_ERR_DUST_BAD_SAMPLE',
        detail: `${e.point} ${e.month} 重复`,
      });
    seen.add(key);
    const c = sampleColumns(e, point, who, now);
    if (typeof c === 'string')
      problems.push({ row, code: 'LT_ERR_DUST_BAD_SAMPLE', detail: `${e.point}：${c}` });
    else ok.push(c);
    return undefined;
  });
  return { ok, problems };
}

/** Stores checked samples and the audit record in one transaction. */
export async function storeSamples(
  db: Db,
  who: ActorContext,
  now: number,
  samples: readonly SampleColumns[],
  source: string,
): Promise<number> {
  await db.kysely.transaction().execute(async (trx) => {
    for (const s of samples) await saveSample(trx, s);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'dust.samples.save',
      target: source,
      detail: { count: samples.length, months: [...new Set(samples.map((s) => s.month))] },
    });
  });
  return samples.length;
}

/** Enters samples through the API: all or nothing. */
export async function enterSamples(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  entries: readonly SampleEntry[],
): Promise<number> {
  const now = clock.now();
  const { ok, problems } = await checkedSamples(db, p, who.actor, now, entries);
  if (problems.length) {
    const first = problems[0]!;
    const code =
      first.code === 'LT_ERR_OUT_OF_SCOPE' || first.code === 'LT_ERR_DUST_POINT_NOT_FOUND'
        ? first.code
        : 'LT_ERR_DUST_BAD_SAMPLE';
    throw new LantianError(code, `第 ${first.row} 条：${first.detail}`, {
      problems: problems.slice(0, 200),
    });
  }
  return storeSamples(db, who, now, ok, 'api');
}

/** A month's samples the principal sees. */
export async function samplesOfMonth(db: Db, p: Principal, month: string) {
  const v = await dustVisibility(db, p);
  if (v.kind === 'none') return [];
  const rows = await monthSamples(db.kysely, month, v.kind === 'regions' ? v.regions : undefined);
  return rows.map((r) => ({
    point: r.code,
    pointName: r.name,
    regionAdcode: r.region_adcode,
    month: r.month,
    sampleG: r.sample_g,
    blankG: r.blank_g,
    areaCm2: r.area_cm2,
    days: r.days,
    exact: r.exact,
    value: r.value,
    edition: r.edition,
  }));
}

/** The month's ranking of every unit of the plan (the published notice: all units). */
export async function fallRanking(
  db: Db,
  cfg: DustConfig,
  planId: string,
  month: string,
): Promise<FallRanking> {
  const units = await dustUnits(db, cfg, planId);
  const samples = await monthSamples(db.kysely, month);
  const rows = rankDustFall(
    units.map((u) => ({
      adcode: u.adcode,
      name: u.name,
      target: u.target,
      points: samples
        .filter((s) => s.region_adcode === u.adcode)
        .map((s) => ({ code: s.code, name: s.name, exact: s.exact })),
    })),
  );
  const main = new Map(units.map((u) => [u.adcode, u.mainCity]));
  return {
    plan: planId,
    month,
    edition: DUST_FALL_EDITION,
    rows: rows.map((r) => ({ ...r, mainCity: main.get(r.adcode) ?? false })),
    exceeding: rows.filter((r) => r.exceeds).map((r) => r.name),
    missing: rows.filter((r) => r.mean === null).map((r) => r.name),
  };
}

/** Sets a unit's target in a plan (city office). */
export async function setTarget(
  db: Db,
  clock: Clock,
  cfg: DustConfig,
  who: ActorContext,
  planId: string,
  adcode: string,
  target: number,
): Promise<void> {
  await assertPlanUnit(db, cfg, planId, adcode);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await saveTarget(trx, planId, adcode, target, who.actor, now);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'dust.target.set',
      target: `plan:${planId}/${adcode}`,
      detail: { target },
    });
  });
}
