/**
 * Emergency-reduction lists (应急减排清单, 一企一策): generation from the registry for a region and
 * a level (a draft, version n), reading with county scope, and publishing with the shortfall
 * check (docs/warnings.md, Emergency-reduction lists).
 */
import { findRegion } from '../../air/region-repo.ts';
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { loadRegionTree } from '../../auth/region-ancestry.ts';
import type { Principal } from '../../auth/principal.ts';
import { regionAncestors, regionDescendants } from '../../auth/scope.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { ItemBaseline, ItemExpected, Measure } from '../measures.ts';
import { enterpriseBaselines } from './baseline-repo.ts';
import { assertListWriter, isListWriter } from './lists-access.ts';
import { matrixFile } from './matrix-file.ts';
import { matrixCells } from './matrix-service.ts';
import {
  enterprisesIn,
  findList,
  findLists,
  insertList,
  lineCounts,
  listItems,
  markPublished,
  nextVersion,
  overridesOfLevel,
  type NewItem,
} from './list-repo.ts';
import {
  enterpriseMeasures,
  type CellLookup,
  type ItemBasis,
  type ListLevel,
} from './rules/enterprise-measures.ts';
import { expectedReductions, REDUCTION_EDITION } from './rules/expected-reduction.ts';
import { listTotals, shortfalls, type ListTotals } from './rules/list-totals.ts';

/** Kinds of list. */
export type ListKind = 'industrial' | 'voc-stagger';

/** The local (Asia/Shanghai, UTC+8) calendar day of an instant. */
const localDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const inForce = (flag: number, until: string | null, today: string) =>
  flag === 1 && (until === null || until >= today);

type Enterprise = Awaited<ReturnType<typeof enterprisesIn>>[number];

async function cellLookup(db: Db): Promise<CellLookup> {
  const cells = new Map(
    (await matrixCells(db)).map((c) => [`${c.industry}|${c.grade}|${c.level}`, c.measures]),
  );
  return (industry, grade, level) => cells.get(`${industry}|${grade}|${level}`);
}

async function industrialMeasures(db: Db, es: Enterprise[], level: ListLevel, today: string) {
  const cell = await cellLookup(db);
  const overrides = await overridesOfLevel(db.kysely, level);
  const config = matrixFile().config;
  const out = new Map<number, { measures: Measure[]; basis: ItemBasis }>();
  for (const e of es) {
    const override = overrides.get(e.id);
    const m = enterpriseMeasures(
      {
        industry: e.industry,
        grade: e.grade,
        positiveList: inForce(e.positive_list, e.positive_until, today),
        guarantee: inForce(e.guarantee, e.guarantee_until, today),
        trucksPerDay: e.trucks_per_day,
      },
      level,
      override ? (JSON.parse(override) as Measure[]) : undefined,
      cell,
      config,
    );
    if (m) out.set(e.id, m);
  }
  return out;
}

/**
 * The VOC 错峰 list (summer ozone): every enterprise of the 'voc' category moves its VOC work out
 * of the midday hours (hours from the configuration, or the enterprise's own override when that
 * names a voc-stagger measure). Staggering moves emissions in time: its expected reduction is 0.
 */
async function vocMeasures(db: Db, es: Enterprise[], level: ListLevel) {
  const overrides = await overridesOfLevel(db.kysely, level);
  const hours = matrixFile().config.vocStaggerHours;
  const out = new Map<number, { measures: Measure[]; basis: ItemBasis }>();
  for (const e of es) {
    if (!(JSON.parse(e.categories) as string[]).includes('voc')) continue;
    const own = overrides.get(e.id);
    const ownMeasures = own ? (JSON.parse(own) as Measure[]) : [];
    if (ownMeasures.some((m) => m.kind === 'voc-stagger'))
      out.set(e.id, { basis: 'override', measures: ownMeasures });
    else out.set(e.id, { basis: 'matrix', measures: [{ kind: 'voc-stagger', hours }] });
  }
  return out;
}

/** Generates a draft list for the region (and every region below it) at the level; audited. */
export async function generateList(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  req: { region: string; level: ListLevel; kind: ListKind },
) {
  await assertListWriter(db, p);
  if (!(await findRegion(db, req.region)))
    throw new LantianError('LT_ERR_REGION_NOT_FOUND', req.region);
  const now = clock.now();
  const today = localDay(now);
  const regions = regionDescendants(await loadRegionTree(db), req.region);
  const es = await enterprisesIn(db.kysely, regions);
  const chosen =
    req.kind === 'industrial'
      ? await industrialMeasures(db, es, req.level, today)
      : await vocMeasures(db, es, req.level);
  const ids = [...chosen.keys()];
  const f = matrixFile();
  const baselines = await enterpriseBaselines(db.kysely, ids, today, f.config.baselineDays);
  const lines = await lineCounts(db.kysely, ids);
  const items: Array<NewItem & { b: ItemBaseline; x: ItemExpected }> = ids.map((id) => {
    const { measures, basis } = chosen.get(id)!;
    const b = baselines.get(id) ?? {};
    const x = req.kind === 'industrial' ? expectedReductions(b, measures, lines.get(id) ?? 0) : {};
    return {
      enterprise_id: id,
      measures: JSON.stringify(measures),
      basis,
      baseline: JSON.stringify(b),
      expected: JSON.stringify(x),
      b,
      x,
    };
  });
  const target = req.kind === 'industrial' ? f.config.reductionTargets[req.level] : 0;
  const totals = listTotals(
    items.map((i) => ({ baseline: i.b, expected: i.x })),
    target,
  );
  const id = await db.kysely.transaction().execute(async (trx) => {
    const version = await nextVersion(trx, req.region, req.level, req.kind);
    const listId = await insertList(
      trx,
      {
        region_adcode: req.region,
        level: req.level,
        kind: req.kind,
        version,
        totals: JSON.stringify(totals),
        edition: `${f.edition}+${REDUCTION_EDITION}`,
        generated_by: who.actor,
        generated_at: now,
      },
      items.map(({ b: _b, x: _x, ...row }) => row),
    );
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'warning.list.generate',
      target: `list:${listId}`,
      detail: { ...req, version, items: items.length, totals },
    });
    return listId;
  });
  return listView(db, p, id);
}

/** Which items of a list the principal may read: all, or the enterprises of these regions. */
async function readableRegions(
  db: Db,
  p: Principal,
  listRegion: string,
): Promise<'all' | string[]> {
  if (await isListWriter(db, p)) return 'all';
  if (p.role !== 'county' || !p.regionAdcode)
    throw new LantianError('LT_ERR_FORBIDDEN', '应急减排清单只对市大气办、市生态环境局和区县开放');
  const tree = await loadRegionTree(db);
  const own = regionDescendants(tree, p.regionAdcode);
  if (own.includes(listRegion)) return 'all';
  if (regionAncestors(tree, p.regionAdcode).includes(listRegion)) return own;
  throw new LantianError('LT_ERR_OUT_OF_SCOPE', `行政区 ${listRegion}`);
}

function summary(
  l: NonNullable<Awaited<ReturnType<typeof findList>>>,
  itemCount: number,
  totalsOverride?: ListTotals,
) {
  const totals = totalsOverride ?? (JSON.parse(l.totals) as ListTotals);
  return {
    id: Number(l.id),
    region: l.region_adcode,
    level: l.level as ListLevel,
    kind: l.kind as ListKind,
    version: l.version,
    status: l.status as 'draft' | 'published' | 'superseded',
    edition: l.edition ?? 'unknown',
    totals,
    shortfall: l.kind === 'industrial' ? shortfalls(totals) : [],
    shortfallOverridden: l.shortfall_overridden === 1,
    overrideReason: l.override_reason,
    generatedBy: l.generated_by,
    generatedAt: Number(l.generated_at),
    publishedBy: l.published_by,
    publishedAt: l.published_at === null ? null : Number(l.published_at),
    itemCount,
  };
}

/** The target a list was generated against (any pollutant's; the configuration's when none). */
function storedTarget(l: { totals: string; level: string; kind: string }): number {
  const stored = Object.values(JSON.parse(l.totals) as ListTotals)[0]?.targetPct;
  if (stored !== undefined) return stored;
  return l.kind === 'industrial' ? matrixFile().config.reductionTargets[l.level as ListLevel] : 0;
}

/** A list with the items the principal may read. */
export async function listView(db: Db, p: Principal, id: number) {
  const l = await findList(db.kysely, id);
  if (!l) throw new LantianError('LT_ERR_LIST_NOT_FOUND', String(id));
  const regions = await readableRegions(db, p, l.region_adcode);
  const rows = (await listItems(db.kysely, id)).filter(
    (r) => regions === 'all' || regions.includes(r.region_adcode),
  );
  const items = rows.map((r) => ({
    enterpriseId: r.enterprise_id,
    creditCode: r.credit_code,
    enterprise: r.name,
    county: r.region_adcode,
    industry: r.industry,
    grade: r.grade,
    measures: JSON.parse(r.measures) as Measure[],
    basis: r.basis as ItemBasis,
    baseline: JSON.parse(r.baseline) as ItemBaseline,
    expected: JSON.parse(r.expected) as ItemExpected,
  }));
  // A county reading the city's list sees the totals of its own items only.
  const totals = regions === 'all' ? undefined : listTotals(items, storedTarget(l));
  return { ...summary(l, items.length, totals), items };
}

/** Lists the principal may read, newest first. */
export async function listLists(
  db: Db,
  p: Principal,
  f: { region?: string; level?: ListLevel; kind?: ListKind; status?: string },
) {
  let regions: string[] | undefined = f.region ? [f.region] : undefined;
  if (!(await isListWriter(db, p))) {
    if (p.role !== 'county' || !p.regionAdcode)
      throw new LantianError(
        'LT_ERR_FORBIDDEN',
        '应急减排清单只对市大气办、市生态环境局和区县开放',
      );
    const tree = await loadRegionTree(db);
    const mine = [
      ...regionDescendants(tree, p.regionAdcode),
      ...regionAncestors(tree, p.regionAdcode),
    ];
    regions = regions ? regions.filter((r) => mine.includes(r)) : mine;
  }
  const rows = await findLists(db.kysely, { ...f, regions });
  return { lists: rows.map((r) => summary(r, Number(r.item_count ?? 0))) };
}

/**
 * Publishes a draft. When an expected reduction falls short of the level's target the list is
 * refused (LT_ERR_LIST_SHORTFALL) unless a reason is given; the override is recorded and audited.
 */
export async function publishList(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  id: number,
  overrideReason: string | undefined,
) {
  await assertListWriter(db, p);
  const l = await findList(db.kysely, id);
  if (!l) throw new LantianError('LT_ERR_LIST_NOT_FOUND', String(id));
  if (l.status !== 'draft') throw new LantianError('LT_ERR_LIST_NOT_DRAFT', `第 ${l.version} 版`);
  const totals = JSON.parse(l.totals) as ListTotals;
  const short = l.kind === 'industrial' ? shortfalls(totals) : [];
  if (short.length > 0 && !overrideReason)
    throw new LantianError('LT_ERR_LIST_SHORTFALL', short.join('、'), {
      shortfall: short,
      totals,
    });
  const now = clock.now();
  const reason = short.length > 0 ? (overrideReason ?? null) : null;
  await db.kysely.transaction().execute(async (trx) => {
    await markPublished(trx, { ...l, id: Number(l.id) }, who.actor, now, reason);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'warning.list.publish',
      target: `list:${l.id}`,
      detail: { shortfall: short, overrideReason: reason },
    });
  });
  return listView(db, p, id);
}
