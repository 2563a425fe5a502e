/**
 * The emergency-measure matrix (industry × grade × level), the per-enterprise overrides (一企一策)
 * and the truck counts: read, edited, audited (docs/warnings.md, Emergency-reduction lists).
 */
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { industries, industryOf } from '../../sources/registry/industry-list.ts';
import { visibleEnterprise } from '../../sources/registry/registry-access.ts';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { Measure } from '../measures.ts';
import { assertListWriter } from './lists-access.ts';
import { matrixFile } from './matrix-file.ts';
import {
  deleteOverride,
  editedCells,
  overridesWithEnterprise,
  saveCell,
  saveOverride,
  saveTransport,
} from './matrix-repo.ts';
import { MATRIX_GRADES, type ListLevel, type MatrixGrade } from './rules/enterprise-measures.ts';
import { checkMeasures } from './rules/measure-check.ts';

/** A cell as the API shows it. */
export interface MatrixCellView {
  industry: string;
  grade: MatrixGrade;
  level: ListLevel;
  measures: Measure[];
  origin: 'default' | 'edited';
  updatedBy: string | null;
}

const key = (industry: string, grade: string, level: string) => `${industry}|${grade}|${level}`;

/** Every non-empty cell: the file's defaults with the edited cells on top (an edit to [] empties). */
export async function matrixCells(db: Db): Promise<MatrixCellView[]> {
  const out = new Map<string, MatrixCellView>();
  for (const c of matrixFile().cells)
    out.set(key(c.industry, c.grade, c.level), { ...c, origin: 'default', updatedBy: null });
  for (const r of await editedCells(db.kysely))
    out.set(key(r.industry, r.grade, r.level), {
      industry: r.industry,
      grade: r.grade as MatrixGrade,
      level: r.level as ListLevel,
      measures: JSON.parse(r.measures) as Measure[],
      origin: 'edited',
      updatedBy: r.updated_by,
    });
  return [...out.values()].filter((c) => c.measures.length > 0);
}

/** The matrix with its vocabulary and configuration. */
export async function matrixView(db: Db) {
  const f = matrixFile();
  return {
    edition: f.edition,
    source: f.source,
    verified: f.verified,
    industries: industries().map((i) => ({ code: i.code, name: i.name })),
    grades: [...MATRIX_GRADES],
    cells: await matrixCells(db),
    config: f.config,
  };
}

/** Runs `write` and records its audit entry (by `who`, at `now`) in one transaction. */
async function auditedWrite(
  db: Db,
  now: number,
  who: ActorContext,
  entry: { action: string; target: string; detail?: unknown },
  write: (trx: Kysely<DatabaseSchema>) => Promise<unknown>,
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await write(trx);
    await recordAudit(trx, now, { actor: who.actor, ip: who.ip ?? null, ...entry });
  });
}

/** Replaces one cell's measures (an empty list empties the cell); audited. */
export async function putCell(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  cell: { industry: string; grade: MatrixGrade; level: ListLevel },
  measures: Measure[],
): Promise<MatrixCellView> {
  await assertListWriter(db, p);
  if (!industryOf(cell.industry) || industryOf(cell.industry)?.code !== cell.industry)
    throw new LantianError('LT_ERR_BAD_MEASURES', `行业代码 ${cell.industry} 不在名录行业表中`);
  checkMeasures(measures);
  const now = clock.now();
  await auditedWrite(
    db,
    now,
    who,
    {
      action: 'warning.matrix.cell',
      target: `matrix:${key(cell.industry, cell.grade, cell.level)}`,
      detail: { measures },
    },
    async (trx) => {
      await saveCell(trx, {
        ...cell,
        measures: JSON.stringify(measures),
        updated_by: who.actor,
        updated_at: now,
      });
    },
  );
  return { ...cell, measures, origin: 'edited', updatedBy: who.actor };
}

function overrideView(r: Awaited<ReturnType<typeof overridesWithEnterprise>>[number]) {
  return {
    creditCode: r.credit_code,
    enterprise: r.name,
    level: r.level as ListLevel,
    measures: JSON.parse(r.measures) as Measure[],
    reason: r.reason,
    updatedBy: r.updated_by,
    updatedAt: Number(r.updated_at),
  };
}

/** Every override the principal may see (writers: all; a county: its own enterprises'). */
export async function listOverrides(db: Db, p: Principal, visible: (region: string) => boolean) {
  const rows = await overridesWithEnterprise(db.kysely);
  return { overrides: rows.filter((r) => visible(r.region_adcode)).map(overrideView) };
}

/** Sets an enterprise's own measures for a level (一企一策) with a reason; audited. */
export async function putOverride(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  level: ListLevel,
  input: { measures: Measure[]; reason: string },
) {
  await assertListWriter(db, p);
  const e = await visibleEnterprise(db, p, creditCode);
  checkMeasures(input.measures);
  const now = clock.now();
  await auditedWrite(
    db,
    now,
    who,
    {
      action: 'warning.override.set',
      target: `override:${e.credit_code}/${level}`,
      detail: input,
    },
    async (trx) => {
      await saveOverride(trx, {
        enterprise_id: e.id,
        level,
        measures: JSON.stringify(input.measures),
        reason: input.reason,
        updated_by: who.actor,
        updated_at: now,
      });
    },
  );
  return {
    creditCode: e.credit_code,
    enterprise: e.name,
    level,
    ...input,
    updatedBy: who.actor,
    updatedAt: now,
  };
}

/** Removes an enterprise's override for a level; audited. */
export async function removeOverride(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  level: ListLevel,
): Promise<void> {
  await assertListWriter(db, p);
  const e = await visibleEnterprise(db, p, creditCode);
  const now = clock.now();
  await auditedWrite(
    db,
    now,
    who,
    {
      action: 'warning.override.remove',
      target: `override:${e.credit_code}/${level}`,
    },
    async (trx) => {
      if (!(await deleteOverride(trx, e.id, level)))
        throw new LantianError('LT_ERR_OVERRIDE_NOT_FOUND', `${e.name} ${level}`);
    },
  );
}

/** Sets how many heavy trucks enter the enterprise a day (truck ban); audited. */
export async function putTransport(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  trucksPerDay: number,
) {
  await assertListWriter(db, p);
  const e = await visibleEnterprise(db, p, creditCode);
  const now = clock.now();
  await auditedWrite(
    db,
    now,
    who,
    {
      action: 'warning.transport.set',
      target: `transport:${e.credit_code}`,
      detail: { trucksPerDay },
    },
    async (trx) => {
      await saveTransport(trx, {
        enterprise_id: e.id,
        trucks_per_day: trucksPerDay,
        updated_by: who.actor,
        updated_at: now,
      });
    },
  );
  return { creditCode: e.credit_code, trucksPerDay };
}
