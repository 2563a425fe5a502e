/**
 * Accountability notices (四(四)): which ones a month calls for, saving them as drafts, and their
 * workflow draft → reviewed → issued → responded. Generation is repeatable: a notice still in
 * draft is refreshed with the latest figures; one already reviewed or issued is left alone. Every
 * creation and every move is audited.
 *
 * Who reads what (checked here with src/auth/scope.ts, not in the routes): the city office and the
 * departments read every notice; a county reads only notices that have been issued (已下发 or
 * 已反馈): those of the units in its region (and below) and the bulletins, which go to every unit.
 * Drafts, reviewed notices and computed candidates are the city office's working papers. A county
 * moves a notice only to 'responded', and only its own.
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import { loadRegionTree, regionAncestry } from '../auth/region-ancestry.ts';
import { canSeeRegion, regionAncestors } from '../auth/scope.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import {
  findNotice,
  listNotices,
  setNoticeStatus,
  upsertDraft,
  type NoticeFilter,
  type NoticeRow,
} from './notice-repo.ts';
import { offScaleBySubject } from './off-scale-service.ts';
import { resolvePlanVersion } from './plan-service.ts';
import { planSubjects } from './plan-subjects.ts';
import { planProgress, type PlanProgress, type SubjectProgress } from './progress-service.ts';
import { periodOrThrow, planRanking, type PlanRanking } from './ranking-service.ts';
import {
  bulletinDraft,
  noticeDrafts,
  type NoticeDraft,
  type TriggerUnit,
} from './rules/notice-triggers.ts';
import { assertTransition, type NoticeKind, type NoticeStatus } from './rules/notice-workflow.ts';
import type { OffScaleRule, OffScaleSummary } from './rules/off-scale.ts';
import type { Period } from './rules/periods.ts';

/** Converts a unit's progress (and its off-scale hours) into trigger inputs. */
export function triggerUnit(
  p: SubjectProgress,
  progress: PlanProgress,
  off: OffScaleSummary | undefined,
  rule: OffScaleRule,
): TriggerUnit {
  return {
    adcode: p.key,
    name: p.name,
    hasData: p.state === 'ok',
    pm25: { ...p.pm25 },
    goodDays: {
      soFar: p.goodDays.soFar,
      expectedByPace: p.goodDays.expectedByPace,
      target: p.goodDays.target,
      projected: p.goodDays.projected,
      status: p.goodDays.status,
    },
    heavyDays: { ...p.heavyDays },
    elapsedDays: progress.pace.elapsedDays,
    yearDays: progress.pace.yearDays,
    offScale: off ? { ...off, minHours: rule.minHours, consecutive: rule.consecutive } : null,
  };
}

/** What a month calls for, with the analyses behind it. */
export interface NoticeCandidates {
  planId: string;
  planVersion: number;
  period: Period;
  progress: PlanProgress;
  ranking: PlanRanking;
  offScale: Map<string, OffScaleSummary>;
  drafts: NoticeDraft[];
}

/** Computes the notices of a month ('YYYY-MM') without saving anything. */
export async function noticeCandidates(
  db: Db,
  planId: string,
  month: string,
  version?: number,
): Promise<NoticeCandidates> {
  const period = periodOrThrow(month);
  if (period.kind !== 'month')
    throw new LantianError('LT_ERR_BAD_DATE', `通知按月生成，收到 "${month}"`);
  const v = await resolvePlanVersion(db, planId, version);
  const doc = v.document;
  const progress = await planProgress(db, planId, period.to, v.version);
  const ranking = await planRanking(db, planId, month, v.version);
  const rule = doc.rules.notices.summons.offScale;
  const units = (await planSubjects(db, doc)).filter((s) => s.kind === 'unit');
  const offScale = await offScaleBySubject(db, units, period.from, period.to, rule);
  const switches = {
    ...doc.rules.notices.warningLetter,
    offTrack: doc.rules.notices.summons.offTrack,
  };
  const drafts = noticeDrafts(
    progress.subjects
      .filter((s) => s.kind === 'unit')
      .map((s) => triggerUnit(s, progress, offScale.get(s.key), rule)),
    period,
    switches,
  );
  drafts.push(
    bulletinDraft(
      doc.city,
      period,
      ranking.rows.map((r) => ({
        adcode: r.adcode,
        name: r.name,
        rank: r.ranks.compositeIndex,
        compositeIndex: r.figures.compositeIndex,
        pm25: r.figures.pm25,
        compositeChangePct: r.ranks.compositeChangePct,
        bottom: r.ranks.bottom,
      })),
    ),
  );
  return { planId, planVersion: v.version, period, progress, ranking, offScale, drafts };
}

/** A notice as callers see it. */
export interface NoticeView {
  id: number;
  planId: string;
  planVersion: number;
  kind: NoticeKind;
  unitAdcode: string;
  period: string;
  status: NoticeStatus;
  title: string;
  body: string;
  facts: unknown;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  reviewedAt: number | null;
  reviewedBy: string | null;
  issuedAt: number | null;
  issuedBy: string | null;
  respondedAt: number | null;
  respondedBy: string | null;
  response: string | null;
}

/** Turns a row into a view. */
export function noticeView(r: NoticeRow): NoticeView {
  return {
    id: r.id,
    planId: r.plan_id,
    planVersion: r.plan_version,
    kind: r.kind as NoticeKind,
    unitAdcode: r.unit_adcode,
    period: r.period,
    status: r.status as NoticeStatus,
    title: r.title,
    body: r.body,
    facts: JSON.parse(r.facts) as unknown,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    respondedAt: r.responded_at,
    respondedBy: r.responded_by,
    response: r.response,
  };
}

/** Generates and saves the month's notices as drafts; returns what happened to each. */
export async function generateNotices(
  db: Db,
  clock: Clock,
  who: ActorContext,
  planId: string,
  month: string,
  version?: number,
): Promise<Array<NoticeView & { action: 'created' | 'updated' | 'kept' }>> {
  const c = await noticeCandidates(db, planId, month, version);
  const now = clock.now();
  const done = await db.kysely.transaction().execute(async (trx) => {
    const out: Array<{ id: number; action: 'created' | 'updated' | 'kept' }> = [];
    for (const d of c.drafts) {
      const r = await upsertDraft(
        trx,
        {
          plan_id: planId,
          plan_version: c.planVersion,
          kind: d.kind,
          unit_adcode: d.unitAdcode,
          period: d.period,
          title: d.title,
          body: d.body,
          facts: JSON.stringify(d.facts),
        },
        now,
        who.actor,
      );
      out.push(r);
      if (r.action !== 'kept')
        await recordAudit(trx, now, {
          actor: who.actor,
          ip: who.ip ?? null,
          action: r.action === 'created' ? 'notice.create' : 'notice.refresh',
          target: `notice:${r.id}`,
          detail: {
            plan: `${planId}@${c.planVersion}`,
            kind: d.kind,
            unit: d.unitAdcode,
            period: d.period,
            triggers: d.triggers.map((t) => t.code),
          },
        });
    }
    return out;
  });
  const views: Array<NoticeView & { action: 'created' | 'updated' | 'kept' }> = [];
  for (const d of done)
    views.push({ ...noticeView((await findNotice(db, d.id))!), action: d.action });
  return views;
}

/** Lists the notices of a plan (every unit's; callers use `readableNotices` for a principal). */
export async function noticesOf(
  db: Db,
  planId: string,
  filter: Omit<NoticeFilter, 'planId' | 'unitAdcodes'>,
): Promise<NoticeView[]> {
  await resolvePlanVersion(db, planId); // LT_ERR_PLAN_NOT_FOUND for an unknown plan
  return (await listNotices(db, { ...filter, planId })).map(noticeView);
}

/** What of a notice decides who may read it. */
type NoticeOwner = Pick<NoticeView, 'kind' | 'unitAdcode' | 'status'>;

/** States in which a notice has left the city office (a county may read it then). */
const ISSUED: ReadonlySet<NoticeStatus> = new Set(['issued', 'responded']);

/**
 * Whether a principal may read a notice, given the ancestry of the notice's unit: the city office
 * and departments every notice; a county an issued one, its region's (scope.ts) or a bulletin.
 */
export function canReadNotice(
  p: Principal,
  n: NoticeOwner,
  unitAncestry: readonly string[],
): boolean {
  if (p.role === 'city-admin' || p.role === 'department') return true;
  if (p.role !== 'county' || !ISSUED.has(n.status)) return false;
  return n.kind === 'bulletin' || canSeeRegion(p, unitAncestry);
}

/** The notices of a plan a principal may read. */
export async function readableNotices(
  db: Db,
  p: Principal,
  planId: string,
  filter: Omit<NoticeFilter, 'planId' | 'unitAdcodes'>,
): Promise<NoticeView[]> {
  const all = await noticesOf(db, planId, filter);
  const tree = await loadRegionTree(db);
  return all.filter((n) => canReadNotice(p, n, regionAncestors(tree, n.unitAdcode)));
}

/** One notice a principal may read; LT_ERR_NOTICE_NOT_FOUND otherwise (its existence not told). */
export async function readableNotice(db: Db, p: Principal, id: number): Promise<NoticeView> {
  const n = await getNotice(db, id);
  if (!canReadNotice(p, n, await regionAncestry(db, n.unitAdcode)))
    throw new LantianError('LT_ERR_NOTICE_NOT_FOUND', String(id));
  return n;
}

/** The notices a month calls for, as far as a principal may read them (not saved). */
export async function readableCandidates(
  db: Db,
  p: Principal,
  planId: string,
  month: string,
  version?: number,
): Promise<NoticeDraft[]> {
  const c = await noticeCandidates(db, planId, month, version);
  const tree = await loadRegionTree(db);
  // Candidates are computed, never issued: a county reads none of them.
  return c.drafts.filter((d) =>
    canReadNotice(p, { ...d, status: 'draft' }, regionAncestors(tree, d.unitAdcode)),
  );
}

/**
 * Moves a notice for a principal: the city office along the whole workflow; a county only to
 * 'responded', and only a notice it may read (LT_ERR_NOTICE_NOT_FOUND for another's).
 */
export async function moveNotice(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  id: number,
  to: NoticeStatus,
  text?: string,
): Promise<NoticeView> {
  if (p.role === 'county') {
    await readableNotice(db, p, id);
    if (to !== 'responded') throw new LantianError('LT_ERR_NOTICE_TRANSITION', '县区只能反馈通知');
  } else if (p.role !== 'city-admin') throw new LantianError('LT_ERR_FORBIDDEN');
  return transitionNotice(db, clock, who, id, to, text);
}

/** One notice, or LT_ERR_NOTICE_NOT_FOUND. */
export async function getNotice(db: Db, id: number): Promise<NoticeView> {
  const r = await findNotice(db, id);
  if (!r) throw new LantianError('LT_ERR_NOTICE_NOT_FOUND', String(id));
  return noticeView(r);
}

/** Moves a notice along its workflow (a response text goes with 'responded'). */
export async function transitionNotice(
  db: Db,
  clock: Clock,
  who: ActorContext,
  id: number,
  to: NoticeStatus,
  text?: string,
): Promise<NoticeView> {
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const r = await findNotice(trx, id);
    if (!r) throw new LantianError('LT_ERR_NOTICE_NOT_FOUND', String(id));
    assertTransition(r.kind as NoticeKind, r.status as NoticeStatus, to);
    if (to === 'responded' && !text?.trim())
      throw new LantianError('LT_ERR_BAD_REQUEST', '反馈需要填写反馈内容');
    if (!(await setNoticeStatus(trx, id, r.status, to, now, who.actor, text)))
      throw new LantianError('LT_ERR_NOTICE_TRANSITION', `通知 ${id} 状态已被他人修改`);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: `notice.${to === 'draft' ? 'return' : to === 'reviewed' ? 'review' : to === 'issued' ? 'issue' : 'respond'}`,
      target: `notice:${id}`,
      detail: { from: r.status, to, ...(text ? { text } : {}) },
    });
  });
  return getNotice(db, id);
}
