/**
 * Warning notices and reminders on request: a draft 预警通知函 for one county or department on a
 * date (not stored; the daily refresh stores its own), the reminders due on a date, the stored
 * notices a caller may read, and the league table of on-time completion.
 */
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { remindersOn, warningReason, type Reminder } from './rules/escalation-rules.ts';
import { leagueTable, type LeagueLine } from './rules/league-table.ts';
import { listNotices } from './warning-notice-repo.ts';
import { addresseesOf, warningFor } from './refresh-service.ts';
import { evaluateRows, type StatusRow } from './status-service.ts';
import type { TaskNoticeRow } from './tables.ts';
import type { TasksConfig } from './task-config.ts';
import type { TaskActor, TaskContext } from './task-context.ts';
import type { Addressee, NoticeDraft } from './rules/warning-notice-drafts.ts';

/** Resolves a county (adcode or name) or a department (code, name or alias) into an addressee. */
export function addressee(c: TaskContext, unit?: string, dept?: string): Addressee {
  if (dept) {
    const d = c.registry.resolve(dept);
    if (!d) throw new LantianError('LT_ERR_DEPARTMENT_NOT_FOUND', dept);
    return { kind: 'department', id: d.code, name: d.name };
  }
  const u = unit ? c.resolveUnit(unit) : undefined;
  if (!u || u === c.plan.cityAdcode)
    throw new LantianError('LT_ERR_BAD_REQUEST', '请指定县（市、区）或部门');
  return { kind: 'unit', id: u, name: c.unitName(u) };
}

/** The rows an addressee answers for: a county's rows, or every row of a department's measures. */
function rowsOf(rows: readonly StatusRow[], to: Addressee, c: TaskContext): StatusRow[] {
  return to.kind === 'unit'
    ? rows.filter((r) => r.row.unit === to.id)
    : rows.filter((r) => r.row.measure.departments.some((d) => c.registry.covers(to.id, d)));
}

/** A warning notice draft for an addressee on a date, or null when nothing lags. */
export async function draftWarning(
  db: Db,
  cfg: TasksConfig,
  c: TaskContext,
  to: Addressee,
  date: string,
): Promise<NoticeDraft | null> {
  const rows = rowsOf(await evaluateRows(db, cfg, c, date), to, c);
  const lagging = rows.filter((r) => warningReason(r.evaluation, cfg.silentWarnShare) !== null);
  return lagging.length === 0 ? null : warningFor(to, lagging, c, cfg, date);
}

/** Reminders due on a date, per addressee. */
export async function remindersDue(
  db: Db,
  cfg: TasksConfig,
  c: TaskContext,
  date: string,
  who?: TaskActor,
): Promise<Array<{ to: Addressee; reminders: Reminder[] }>> {
  const rows = await evaluateRows(db, cfg, c, date, {}, who);
  const out = new Map<string, { to: Addressee; reminders: Reminder[] }>();
  for (const r of rows) {
    const due = remindersOn(r.row, r.evaluation.milestones, date, cfg.reminderLeadDays);
    if (due.length === 0) continue;
    for (const to of addresseesOf(r, c)) {
      const g = out.get(`${to.kind}:${to.id}`) ?? { to, reminders: [] };
      g.reminders.push(...due);
      out.set(`${to.kind}:${to.id}`, g);
    }
  }
  return [...out.values()];
}

/** Stored notices the caller may read (the city office: all; a county or department: its own). */
export async function noticesFor(
  db: Db,
  c: TaskContext,
  who: TaskActor,
  q: { kind?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<TaskNoticeRow[]> {
  const p = who.principal;
  let addressees: Array<{ kind: string; id: string }> | undefined;
  if (p.role === 'county')
    addressees = p.regionAdcode ? [{ kind: 'unit', id: p.regionAdcode }] : [];
  else if (p.role === 'department') {
    const d = c.registry.resolve(p.department);
    addressees = d ? [{ kind: 'department', id: d.code }] : [];
  } else if (p.role !== 'city-admin') addressees = [];
  return listNotices(db, { plan: c.plan.plan, ...q, addressees });
}

/** The league table of on-time completion on a date (every row counts, whoever asks). */
export async function league(
  db: Db,
  cfg: TasksConfig,
  c: TaskContext,
  date: string,
): Promise<{
  units: Array<LeagueLine & { name: string }>;
  departments: Array<LeagueLine & { name: string }>;
}> {
  const rows = await evaluateRows(db, cfg, c, date);
  const t = leagueTable(
    rows.map((r) => ({
      unit: r.row.unit,
      departments: r.row.measure.departments,
      evaluation: r.evaluation,
    })),
    c.plan.cityAdcode,
  );
  const dname = (code: string): string =>
    c.plan.departments.find((d) => d.code === code)?.name ?? code;
  return {
    units: t.units.map((l) => ({ ...l, name: c.unitName(l.id) })),
    departments: t.departments.map((l) => ({ ...l, name: dname(l.id) })),
  };
}
