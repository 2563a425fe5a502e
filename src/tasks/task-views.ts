/** How dispatch rows, measures and reports are shown by the API and the CLI's JSON output. */
import type { z } from 'zod';
import { DECISION_NAMES } from './rules/report-rules.ts';
import type { ReportWithReview } from './report-repo.ts';
import type { StatusRow } from './status-service.ts';
import { ROW_STATUS_NAMES, type ReviewDecision } from './rules/status-rules.ts';
import type { TaskContext } from './task-context.ts';
import type { MeasureDef } from './task-model.ts';
import type { UploadView } from './upload-service.ts';
import type { MeasureOut, ReportOut, RowOut } from './response-schema.ts';

/** A dispatch row with its status (the API's RowOut). */
export type RowView = z.output<typeof RowOut>;
/** A measure as listed (the API's MeasureOut). */
export type MeasureView = z.output<typeof MeasureOut>;
/** A report as shown (the API's ReportOut). */
export type ReportView = z.output<typeof ReportOut>;

/** The view of an evaluated row. */
export function rowView(r: StatusRow): RowView {
  const e = r.evaluation;
  return {
    number: r.row.measure.number,
    title: r.row.measure.title,
    campaign: r.row.measure.campaign,
    unit: r.row.unit,
    unitName: r.unitName,
    departments: r.departmentNames,
    date: e.date,
    status: e.status,
    statusName: ROW_STATUS_NAMES[e.status],
    targets: r.row.targets.map((t) => {
      const p = e.targets.find((x) => x.targetId === t.target.id)!;
      return {
        id: t.target.id,
        metric: t.target.metric,
        unit: t.target.unit,
        goal: t.goal,
        basis: t.basis,
        value: p.value,
        expected: p.expected,
        ratio: p.ratio,
        behind: p.behind,
      };
    }),
    milestones: e.milestones.map((m) => ({
      id: m.milestone.id,
      date: m.milestone.date,
      label: m.milestone.label,
      implicit: m.milestone.implicit,
      targetId: r.row.targets.some((t) => t.target.id === m.milestone.targetId)
        ? m.milestone.targetId
        : null,
      due: m.due,
      state: m.state,
      metAt: m.metAt,
    })),
    checklist: [...(e.current?.checklist ?? [])],
    report: e.current
      ? {
          id: e.current.id,
          version: e.current.version,
          reportedAt: e.current.reportedAt,
          review: e.review,
        }
      : null,
  };
}

/** A measure as listed. */
export function measureView(m: MeasureDef, c: TaskContext): MeasureView {
  const dept = (code: string): string =>
    c.plan.departments.find((d) => d.code === code)?.name ?? code;
  return {
    number: m.number,
    parent: m.parent,
    campaign: m.campaign,
    campaignTitle: m.campaignTitle,
    title: m.title,
    text: m.text,
    leaf: m.leaf,
    departments: m.departments.map(dept),
    units: m.units.map((u) => ({ adcode: u, name: c.unitName(u) })),
    unitsNote: m.unitsNote,
    start: m.start,
    targets: m.targets.map((t) => ({
      id: t.id,
      metric: t.metric,
      unit: t.unit,
      scope: t.scope,
      direction: t.direction,
      value: t.value,
      unitValues: Object.fromEntries(t.unitValues),
      max: t.max,
    })),
    milestones: m.milestones.map((s) => ({
      id: s.id,
      date: s.date,
      label: s.label,
      targetId: s.targetId,
      share: s.share,
      implicit: s.implicit,
      units: s.units ? [...s.units] : null,
    })),
  };
}

/** A report as shown, with its review and attachments. */
export function reportView(
  r: ReportWithReview,
  attachments: readonly UploadView[],
  unitName: string,
): ReportView {
  return {
    id: r.id,
    number: r.number,
    unit: r.unit_adcode,
    unitName,
    version: r.version,
    correctsId: r.corrects_id,
    values: JSON.parse(r.values_json) as Record<string, number>,
    checklist: JSON.parse(r.checklist_json) as string[],
    narrative: r.narrative,
    reporter: r.reporter,
    reporterRole: r.reporter_role,
    source: r.source,
    reportedAt: r.reported_at,
    review: r.review
      ? {
          decision: r.review.decision,
          decisionName: DECISION_NAMES[r.review.decision as ReviewDecision] ?? r.review.decision,
          comment: r.review.comment,
          reviewer: r.review.reviewer,
          reviewedAt: r.review.reviewed_at,
        }
      : null,
    attachments: [...attachments],
  };
}
