/**
 * Edits of a draft plan version: the whole document, one unit's targets, one unit's base-year
 * figures. Each edit is validated (stable error codes), refused on a published version
 * (LT_ERR_PLAN_PUBLISHED) and audited with the values before and after, in one transaction.
 */
import type { z } from 'zod';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { PlanBaseline, PlanDocument, PlanTarget } from './plan-document.ts';
import { touchPlan, updateDraftDocument } from './plan-repo.ts';
import {
  assertRegionsKnown,
  auditTarget,
  editableVersion,
  getVersion,
  tx,
  type PlanVersionView,
} from './plan-service.ts';
import { checkBaseline, checkedPlanDocument, checkTarget, yearLength } from './plan-validation.ts';
import { BaselinePatchSchema, TargetPatchSchema } from './schema.ts';

async function saveDraft(
  db: Db,
  clock: Clock,
  who: ActorContext,
  planId: string,
  version: number,
  change: (doc: PlanDocument) => Promise<{ doc: PlanDocument; action: string; detail: unknown }>,
): Promise<PlanVersionView> {
  const now = clock.now();
  await tx(db, async (trx) => {
    const row = await editableVersion(trx, planId, version);
    const { doc, action, detail } = await change(JSON.parse(row.document) as PlanDocument);
    if (!(await updateDraftDocument(trx, planId, version, JSON.stringify(doc), now)))
      throw new LantianError('LT_ERR_PLAN_PUBLISHED', `${planId} 第 ${version} 版`);
    await touchPlan(trx, planId, now, doc.name);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action,
      target: auditTarget(planId, version),
      detail,
    });
  });
  return getVersion(db, planId, version);
}

/** Replaces the whole document of a draft (same plan id, validated, regions known). */
export async function replaceDocument(
  db: Db,
  clock: Clock,
  who: ActorContext,
  planId: string,
  version: number,
  input: unknown,
): Promise<PlanVersionView> {
  const doc = checkedPlanDocument(input);
  if (doc.id !== planId)
    throw new LantianError('LT_ERR_PLAN_INVALID', `方案编号 ${doc.id} 与 ${planId} 不一致`);
  await assertRegionsKnown(db, doc);
  return saveDraft(db, clock, who, planId, version, async (old) => ({
    doc,
    action: 'plan.replace',
    detail: { before: old, after: doc },
  }));
}

function findUnit(
  doc: PlanDocument,
  adcode: string,
): { name: string; target: PlanTarget; baseline: PlanBaseline } {
  if (adcode === doc.city.adcode) return doc.city;
  const u = doc.units.find((x) => x.adcode === adcode);
  if (!u) throw new LantianError('LT_ERR_UNIT_NOT_IN_PLAN', `${adcode} 不在方案 ${doc.id} 中`);
  return u;
}

/** Edits the targets of one unit (or of the city) in a draft. */
export async function editTarget(
  db: Db,
  clock: Clock,
  who: ActorContext,
  planId: string,
  version: number,
  adcode: string,
  patch: z.infer<typeof TargetPatchSchema>,
): Promise<PlanVersionView> {
  return saveDraft(db, clock, who, planId, version, async (doc) => {
    const unit = findUnit(doc, adcode);
    const before = { ...unit.target };
    const next = { ...unit.target };
    for (const [key, value] of Object.entries(TargetPatchSchema.parse(patch)))
      if (value !== undefined) (next as Record<string, number | null>)[key] = value;
    checkTarget(`${unit.name}（${adcode}）`, next, yearLength(doc.year));
    unit.target = next;
    return { doc, action: 'plan.edit_target', detail: { unit: adcode, before, after: next } };
  });
}

/** Edits the base-year figures of one unit (or the city) in a draft. */
export async function editBaseline(
  db: Db,
  clock: Clock,
  who: ActorContext,
  planId: string,
  version: number,
  adcode: string,
  patch: z.infer<typeof BaselinePatchSchema>,
): Promise<PlanVersionView> {
  return saveDraft(db, clock, who, planId, version, async (doc) => {
    const unit = findUnit(doc, adcode);
    const before = { ...unit.baseline };
    const next = { ...unit.baseline };
    for (const [key, value] of Object.entries(BaselinePatchSchema.parse(patch)))
      if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    checkBaseline(`${unit.name}（${adcode}）`, next, yearLength(doc.year));
    unit.baseline = next;
    return { doc, action: 'plan.edit_baseline', detail: { unit: adcode, before, after: next } };
  });
}
