/**
 * Accountability notices (四(四)): which ones a month calls for, saving them as drafts, and their
 * workflow draft → reviewed → issued → responded. Generation is repeatable: a notice still in
 * draft is refreshed with the latest figures; one already reviewed or issued is left alone. Every
 * creation and every move is audited.
 */
import { recordAudit } from '../audit/audit-log.ts';
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
import type { Actor } from './plan-service.ts';
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
  who: Actor,
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

/** Lists notices (a county caller passes its own adcode: it sees its own notices and bulletins). */
export async function noticesOf(
  db: Db,
  planId: string,
  filter: Omit<NoticeFilter, 'planId' | 'unitAdcodes'>,
  countyAdcode?: string,
): Promise<NoticeView[]> {
  const doc = (await resolvePlanVersion(db, planId)).document;
  const unitAdcodes = countyAdcode ? [countyAdcode, doc.city.adcode] : undefined;
  return (
    await listNotices(db, { ...filter, planId, ...(unitAdcodes ? { unitAdcodes } : {}) })
  ).map(noticeView);
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
  who: Actor,
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
