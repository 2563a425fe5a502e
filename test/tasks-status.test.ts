/**
 * Status over a simulated year, on the loaded plan, through the services with a clock that moves:
 * the kiln measure 三.(五).2 (60 % by 30 June, all by 30 September) passes on track → behind →
 * done for one county; a late report, a returned report, and the overdue escalation generated on
 * the day after the deadline, with its facts; the league table of on-time completion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import type { Principal } from '../src/auth/principal.ts';
import type { Clock } from '../src/clock.ts';
import { setAllocation } from '../src/tasks/allocation-service.ts';
import { league } from '../src/tasks/warning-notice-service.ts';
import { listNotices } from '../src/tasks/warning-notice-repo.ts';
import { loadTasks } from '../src/tasks/definition-loader.ts';
import { refreshOn } from '../src/tasks/refresh-service.ts';
import { submitReport } from '../src/tasks/report-service.ts';
import { reviewReport } from '../src/tasks/review-service.ts';
import { evaluateRows } from '../src/tasks/status-service.ts';
import { DEFAULT_TASKS_CONFIG } from '../src/tasks/task-config.ts';
import {
  loadTaskContext,
  operatorActor,
  type TaskActor,
  type TaskContext,
} from '../src/tasks/task-context.ts';
import type { NoticeFact } from '../src/tasks/rules/warning-notice-drafts.ts';
import { localToEpoch } from '../src/time/zoned-time.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const cfg = DEFAULT_TASKS_CONFIG;
const KILNS = '三.(五).2';
/** 10:00 Beijing time on a date. */
const at = (date: string, hour = 10): number =>
  localToEpoch('Asia/Shanghai', +date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10), hour);

const county = (adcode: string, username: string): TaskActor => {
  const principal: Principal = {
    userId: 1,
    username,
    displayName: username,
    role: 'county',
    regionAdcode: adcode,
    via: 'session',
    mustChangePassword: false,
  };
  return { principal, ctx: { actor: username, ip: null } };
};

describe.each(dialectsUnderTest())('task status over 2020 on %s', (dialect) => {
  let t: TestStore;
  let c: TaskContext;
  let now = at('2020-04-09');
  const clock: Clock = { now: () => now };
  const office = operatorActor({ actor: 'office', ip: null });
  const congtai = county('130403', 'congtai');
  const hanshan = county('130402', 'hanshan');
  const fuxing = county('130404', 'fuxing');

  const status = async (unit: string, date: string, measure = KILNS) => {
    const rows = await evaluateRows(t.db, cfg, c, date, { measure, unit });
    expect(rows).toHaveLength(1);
    return rows[0]!.evaluation;
  };
  const report = (who: TaskActor, unit: string, date: string, value: number, extra = {}) => {
    now = at(date);
    return submitReport(t.db, clock, cfg, c, who, {
      number: KILNS,
      unit,
      values: { t1: value },
      checklist: [],
      narrative: `截至${date}完成${value}家`,
      attachments: [],
      source: 'api',
      ...extra,
    });
  };
  const review = (
    id: number,
    date: string,
    decision: 'accept' | 'return' | 'request_evidence',
    comment = '',
  ) => {
    now = at(date, 16);
    return reviewReport(t.db, clock, office, id, decision, comment);
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await loadTasks(t.db, clock, office.ctx, 'handan-2020');
    c = await loadTaskContext(t.db);
    // The city office splits the 492 kilns: 丛台区 20, 邯山区 10, 复兴区 10.
    for (const [unit, v] of [
      ['丛台区', 20],
      ['邯山区', 10],
      ['复兴区', 10],
    ] as const)
      await setAllocation(t.db, clock, c, office, KILNS, 't1', unit, v);
    c = await loadTaskContext(t.db);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('passes on track → behind → done across the year for a measure with two milestones', async () => {
    const seen: Array<[string, string]> = [];
    const look = async (date: string) => seen.push([date, (await status('130403', date)).status]);
    await look('2020-04-15'); // nothing yet
    await report(congtai, '130403', '2020-04-20', 4); // pace 12×12/83 ≈ 1.7
    await look('2020-04-20');
    await report(congtai, '130403', '2020-05-20', 10); // pace ≈ 6.1
    await look('2020-05-20');
    await report(congtai, '130403', '2020-06-25', 12); // 60 % met before 30 June
    await look('2020-06-30');
    await look('2020-08-15'); // pace 12 + 8×46/92 = 16 > 12
    const last = await report(congtai, '130403', '2020-09-20', 20);
    await look('2020-09-24'); // complete, not yet accepted
    await review(last.id, '2020-09-25', 'accept');
    await look('2020-09-25');
    await look('2020-12-31');
    expect(seen).toEqual([
      ['2020-04-15', 'not_started'],
      ['2020-04-20', 'on_track'],
      ['2020-05-20', 'on_track'],
      ['2020-06-30', 'on_track'],
      ['2020-08-15', 'behind'],
      ['2020-09-24', 'on_track'],
      ['2020-09-25', 'done'],
      ['2020-12-31', 'done'],
    ]);
    const e = await status('130403', '2020-08-15');
    expect(e.targets[0]).toMatchObject({ goal: 20, value: 12, expected: 16, behind: true });
    expect(e.milestones.map((m) => [m.milestone.id, m.state, m.due])).toEqual([
      ['m1', 'met', 12],
      ['m2', 'pending', 20],
    ]);
    // What was known on a date does not change with later reports.
    expect((await status('130403', '2020-04-15')).status).toBe('not_started');
  });

  it('flags a late report and counts the milestone as met late', async () => {
    await report(hanshan, '130402', '2020-05-01', 4);
    const before = await status('130402', '2020-07-01');
    expect(before.status).toBe('overdue');
    expect(before.milestones[0]).toMatchObject({ state: 'missed', due: 6 });
    const late = await report(hanshan, '130402', '2020-07-03', 7);
    expect(late.late).toBe(true);
    const after = await status('130402', '2020-07-03');
    expect(after.milestones[0]).toMatchObject({ state: 'met_late', metByReport: late.id });
    expect(after.status).toBe('on_track'); // 7 ≥ pace 6 + 4×3/92
    expect(after.lateReports).toEqual([late.id]);
    const audit = await listAudit(t.db, {
      action: 'task.report',
      target: `task:handan-2020/${KILNS}@130402`,
    });
    expect(audit.map((a) => (a.detail as { late: boolean }).late)).toEqual([true, false]);
  });

  it('drops a returned report from the status; the correction is a new version', async () => {
    const first = await report(fuxing, '130404', '2020-06-28', 6);
    expect((await status('130404', '2020-06-30')).status).toBe('on_track');
    await review(first.id, '2020-07-02', 'return', '未附验收材料，数量与清单不符');
    // Known on 1 July: still counted (m1 met; a day later the pace asks a little more than 6).
    const july1 = await status('130404', '2020-07-01');
    expect(july1.milestones[0]!.state).toBe('met');
    expect(july1.status).toBe('behind');
    // Known on 2 July: returned, so m1 is unmet.
    const returned = await status('130404', '2020-07-02');
    expect(returned.status).toBe('overdue');
    expect(returned.current).toBeNull();
    await expect(review(first.id, '2020-07-03', 'accept')).rejects.toMatchObject({
      code: 'LT_ERR_REPORT_NOT_REVIEWABLE',
    });
    const fixed = await report(fuxing, '130404', '2020-07-05', 6, { corrects: first.id });
    expect(fixed).toMatchObject({ version: 2, late: true });
    await review(fixed.id, '2020-07-06', 'request_evidence', '请补充验收照片');
    const asked = await status('130404', '2020-07-06');
    expect(asked).toMatchObject({ review: 'evidence_requested' });
    expect(asked.milestones[0]!.state).toBe('met_late');
    const all = await t.db.kysely
      .selectFrom('task_reports')
      .selectAll()
      .where('unit_adcode', '=', '130404')
      .execute();
    expect(all.map((r) => [r.version, r.corrects_id])).toEqual([
      [1, null],
      [2, first.id],
    ]);
  });

  it('generates the overdue warning notice on the day after the deadline, with the facts', async () => {
    now = at('2020-07-10');
    const facts = async (date: string): Promise<NoticeFact[]> => {
      const ns = await listNotices(t.db, {
        plan: 'handan-2020',
        kind: 'warning',
        from: date,
        to: date,
      });
      return ns
        .filter((n) => n.addressee === '130402')
        .flatMap((n) => JSON.parse(n.facts_json) as NoticeFact[]);
    };
    for (const d of ['2020-06-29', '2020-06-30', '2020-07-01', '2020-07-02'])
      await refreshOn(t.db, cfg, c, office, d, now);
    const kiln = (fs: NoticeFact[]) => fs.find((f) => f.number === KILNS);
    // 29 June: 4 where the pace asks 5.9 → behind (a first letter); 30 June: still behind, so no
    // new letter; 1 July: the milestone has passed unmet → overdue, a new letter that day.
    expect(kiln(await facts('2020-06-29'))).toMatchObject({ reason: 'behind' });
    expect(kiln(await facts('2020-06-30'))).toBeUndefined();
    const overdue = kiln(await facts('2020-07-01'));
    expect(overdue).toMatchObject({ reason: 'overdue', unitName: '邯山区', status: '逾期' });
    expect(overdue!.lines[0]).toContain('应完成 6家');
    expect(overdue!.lines[0]).toContain('累计完成 4家');
    expect(overdue!.lines[0]).toContain('已逾期 1 天');
    expect(kiln(await facts('2020-07-02'))).toBeUndefined(); // no new letter for the same reason
    const ns = await listNotices(t.db, {
      plan: 'handan-2020',
      kind: 'warning',
      from: '2020-07-01',
      to: '2020-07-01',
    });
    const letter = ns.find((n) => n.addressee === '130402')!;
    expect(letter.title).toBe('关于邯山区重点任务进展滞后的预警通知函');
    expect(letter.body).toContain('邯气领〔2020〕1号');
    // A second run of the last day changes nothing.
    const again = await refreshOn(t.db, cfg, c, office, '2020-07-02', now);
    expect(again.notices).toHaveLength(0);
    expect(again.changes).toHaveLength(0);
    const changes = await listAudit(t.db, {
      action: 'task.status_change',
      target: `task:handan-2020/${KILNS}@130402`,
    });
    expect(changes.map((a) => a.detail)).toEqual([
      { date: '2020-07-01', from: 'behind', to: 'overdue' },
      { date: '2020-06-29', from: null, to: 'behind' },
    ]);
  });

  it('sends reminders 7 and 1 days before a milestone the row has not met', async () => {
    now = at('2020-09-23');
    const r = await refreshOn(t.db, cfg, c, office, '2020-09-23', now);
    const ns = await listNotices(t.db, {
      plan: 'handan-2020',
      kind: 'reminder',
      from: '2020-09-23',
      to: '2020-09-23',
    });
    const hs = ns.find((n) => n.addressee === '130402')!;
    expect(hs.body).toContain('三.(五).2');
    expect(hs.body).toContain('还有 7 天');
    expect(ns.find((n) => n.addressee === '130403')?.body ?? '').not.toContain(KILNS); // 丛台区 met it
    expect(r.notices.some((n) => n.kind === 'reminder')).toBe(true);
  });

  it('ranks counties and departments by on-time completion', async () => {
    const t1 = await league(t.db, cfg, c, '2020-10-01');
    const line = (id: string) => t1.units.find((l) => l.id === id)!;
    expect(line('130403')).toMatchObject({ name: '丛台区', done: 1 });
    const kilnRows = await evaluateRows(t.db, cfg, c, '2020-10-01', { measure: KILNS });
    const byUnit = new Map(
      kilnRows.map((r) => [r.row.unit, r.evaluation.milestones.map((m) => m.state)]),
    );
    expect(byUnit.get('130403')).toEqual(['met', 'met']);
    expect(byUnit.get('130402')).toEqual(['met_late', 'missed']);
    expect(line('130403').onTime).toBeGreaterThan(line('130402').onTime);
    expect(line('130403').rank).toBeLessThan(line('130402').rank!);
    expect(t1.departments.find((d) => d.name === '市生态环境局')!.due).toBeGreaterThan(0);
  });
});
