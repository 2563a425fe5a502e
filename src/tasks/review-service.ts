/**
 * The city office's review of progress reports: accept (采纳), return with a comment (退回), or ask
 * for evidence (补充材料). Only the latest version of a row can be reviewed, and only once; the
 * answer to a return or a request is a new version from the unit.
 */
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { findReport, insertReview, latestReport } from './report-repo.ts';
import { DECISION_NAMES } from './rules/report-rules.ts';
import type { ReviewDecision } from './rules/status-rules.ts';
import type { TaskActor } from './task-context.ts';

/** Why a report cannot be reviewed (pure), or null. */
export function reviewProblem(
  report: { version: number; review: { decision: string } | null },
  latestVersion: number,
  decision: ReviewDecision,
  comment: string,
): { code: 'LT_ERR_REPORT_NOT_REVIEWABLE' | 'LT_ERR_BAD_REQUEST'; detail: string } | null {
  if (report.review)
    return {
      code: 'LT_ERR_REPORT_NOT_REVIEWABLE',
      detail: `已审核（${DECISION_NAMES[report.review.decision as ReviewDecision] ?? report.review.decision}）`,
    };
  if (report.version < latestVersion)
    return { code: 'LT_ERR_REPORT_NOT_REVIEWABLE', detail: `已有更新的第 ${latestVersion} 版` };
  if (decision !== 'accept' && !comment.trim())
    return { code: 'LT_ERR_BAD_REQUEST', detail: `${DECISION_NAMES[decision]}须填写意见` };
  return null;
}

/** A review as stored. */
export interface ReviewResult {
  reviewId: number;
  reportId: number;
  decision: ReviewDecision;
}

/** Reviews a report (task.review); city office only. */
export async function reviewReport(
  db: Db,
  clock: Clock,
  who: TaskActor,
  reportId: number,
  decision: ReviewDecision,
  comment: string,
): Promise<ReviewResult> {
  if (who.principal.role !== 'city-admin')
    throw new LantianError('LT_ERR_FORBIDDEN', '只有市大气办可以审核进展报告');
  const now = clock.now();
  try {
    return await db.kysely.transaction().execute(async (trx) => {
      const report = await findReport(trx, reportId);
      if (!report) throw new LantianError('LT_ERR_REPORT_NOT_FOUND', `#${reportId}`);
      const latest = await latestReport(trx, report.plan, report.number, report.unit_adcode);
      const problem = reviewProblem(report, latest?.version ?? report.version, decision, comment);
      if (problem) throw new LantianError(problem.code, `#${reportId} ${problem.detail}`);
      const reviewId = await insertReview(
        trx,
        reportId,
        decision,
        comment.trim(),
        who.ctx.actor,
        now,
      );
      await recordAudit(trx, now, {
        ...who.ctx,
        action: 'task.review',
        target: `task:${report.plan}/${report.number}@${report.unit_adcode}`,
        detail: { reportId, version: report.version, decision, comment: comment.trim() },
      });
      return { reviewId, reportId, decision };
    });
  } catch (e) {
    const code = (e as { code?: unknown })?.code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new LantianError('LT_ERR_REPORT_NOT_REVIEWABLE', `#${reportId} 已审核`);
    throw e;
  }
}
