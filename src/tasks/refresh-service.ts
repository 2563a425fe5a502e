/**
 * The daily dispatch run (`lantian tasks refresh`, run once a day): evaluates every row on the
 * date, records status changes (audit task.status_change), drafts a warning notice for each unit
 * or department with a row that newly calls for one (rules/escalation-rules.ts) and reminders of
 * milestones coming up. Running it twice for a date changes nothing the second time.
 */
import { recordAudit } from '../audit/audit-log.ts';
import type { Db } from '../store/db.ts';
import { addDays } from '../standards/local-date.ts';
import { parseDateRange } from '../time/date-input.ts';
import { remindersOn, warningReason, type Reminder } from './rules/escalation-rules.ts';
import { insertNotice, readStatusSnapshot, upsertStatus } from './warning-notice-repo.ts';
import { evaluateRows, type StatusRow } from './status-service.ts';
import type { TasksConfig } from './task-config.ts';
import type { TaskActor, TaskContext } from './task-context.ts';
import {
  reminderDraft,
  rowFacts,
  warningNoticeDraft,
  type Addressee,
  type NoticeDraft,
} from './rules/warning-notice-drafts.ts';

/** What a run did on one date. */
export interface RefreshResult {
  date: string;
  rows: number;
  changes: Array<{ number: string; unit: string; from: string | null; to: string }>;
  notices: Array<{ id: number; kind: 'warning' | 'reminder'; addressee: Addressee; title: string }>;
}

/** Who answers for a row: its county, or for a city-level row its lead departments. */
export function addresseesOf(r: StatusRow, c: TaskContext): Addressee[] {
  if (r.row.unit !== c.plan.cityAdcode) return [{ kind: 'unit', id: r.row.unit, name: r.unitName }];
  return r.row.measure.departments.map((d, i) => ({
    kind: 'department' as const,
    id: d,
    name: r.departmentNames[i] ?? d,
  }));
}

const keyOf = (a: Addressee): string => `${a.kind}:${a.id}`;

/** Drafts the warning notice of one addressee from its lagging rows (pure). */
export function warningFor(
  to: Addressee,
  rows: readonly StatusRow[],
  c: TaskContext,
  cfg: TasksConfig,
  date: string,
): NoticeDraft {
  const facts = rows.flatMap((r) => {
    const reason = warningReason(r.evaluation, cfg.silentWarnShare);
    return reason ? [rowFacts(r.row, r.evaluation, reason, r.unitName, r.departmentNames)] : [];
  });
  return warningNoticeDraft(to, facts, date, c.plan.meta, cfg.noticeReplyDays);
}

/** Runs the dispatch for one date. */
export async function refreshOn(
  db: Db,
  cfg: TasksConfig,
  c: TaskContext,
  who: TaskActor,
  date: string,
  now: number,
): Promise<RefreshResult> {
  const rows = await evaluateRows(db, cfg, c, date);
  const snapshot = await readStatusSnapshot(db, c.plan.plan);
  const result: RefreshResult = { date, rows: rows.length, changes: [], notices: [] };
  const lagging = new Map<string, { to: Addressee; rows: StatusRow[]; triggered: boolean }>();
  const reminders = new Map<string, { to: Addressee; items: Reminder[] }>();

  await db.kysely.transaction().execute(async (trx) => {
    for (const r of rows) {
      const key = `${r.row.measure.number}|${r.row.unit}`;
      const prev = snapshot.get(key);
      const status = r.evaluation.status;
      const changed = prev?.status !== status;
      const reason = warningReason(r.evaluation, cfg.silentWarnShare);
      const warnedBefore = changed ? null : (prev?.warned_reason ?? null);
      const triggered = reason !== null && reason !== warnedBefore;
      if (changed || triggered) {
        await upsertStatus(trx, {
          plan: c.plan.plan,
          number: r.row.measure.number,
          unit_adcode: r.row.unit,
          status,
          since_on: changed ? date : prev!.since_on,
          warned_reason: reason ?? warnedBefore,
          updated_at: now,
        });
      }
      if (changed && (prev || status !== 'not_started')) {
        result.changes.push({
          number: r.row.measure.number,
          unit: r.row.unit,
          from: prev?.status ?? null,
          to: status,
        });
        await recordAudit(trx, now, {
          ...who.ctx,
          action: 'task.status_change',
          target: `task:${c.plan.plan}/${key.replace('|', '@')}`,
          detail: { date, from: prev?.status ?? null, to: status },
        });
      }
      for (const to of addresseesOf(r, c)) {
        if (reason) {
          const g = lagging.get(keyOf(to)) ?? { to, rows: [], triggered: false };
          g.rows.push(r);
          g.triggered ||= triggered;
          lagging.set(keyOf(to), g);
        }
        const due = remindersOn(r.row, r.evaluation.milestones, date, cfg.reminderLeadDays);
        if (due.length > 0) {
          const g = reminders.get(keyOf(to)) ?? { to, items: [] };
          g.items.push(...due);
          reminders.set(keyOf(to), g);
        }
      }
    }
    const store = async (
      kind: 'warning' | 'reminder',
      to: Addressee,
      d: NoticeDraft,
    ): Promise<void> => {
      const id = await insertNotice(trx, {
        plan: c.plan.plan,
        kind,
        addressee_kind: to.kind,
        addressee: to.id,
        on_date: date,
        title: d.title,
        body: d.body,
        facts_json: JSON.stringify(d.facts),
        created_at: now,
        created_by: who.ctx.actor,
      });
      if (id === undefined) return;
      result.notices.push({ id, kind, addressee: to, title: d.title });
      await recordAudit(trx, now, {
        ...who.ctx,
        action: `task.${kind}`,
        target: `${to.kind}:${to.id}`,
        detail: { noticeId: id, date, rows: d.facts.map((f) => `${f.number}@${f.unit}`) },
      });
    };
    for (const g of lagging.values())
      if (g.triggered) await store('warning', g.to, warningFor(g.to, g.rows, c, cfg, date));
    for (const g of reminders.values())
      await store('reminder', g.to, reminderDraft(g.to, g.items, c.unitName, date, c.plan.meta));
  });
  return result;
}

/** Runs the dispatch for every date of a range, in order (to catch up after missed days). */
export async function refreshRange(
  db: Db,
  cfg: TasksConfig,
  c: TaskContext,
  who: TaskActor,
  from: string,
  to: string,
  now: number,
): Promise<RefreshResult[]> {
  parseDateRange(from, to, 400);
  const out: RefreshResult[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(await refreshOn(db, cfg, c, who, d, now));
  return out;
}
