/**
 * Allocations (任务分解): the city office assigns a county its share of a city-wide target (the
 * plan gives 45.8万户 or 492 家 for the whole city). Once allocated, the county's row is measured
 * against its share with the target's milestones; before that it carries them as checklist items.
 */
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { upsertAllocation } from './report-repo.ts';
import type { TaskActor, TaskContext } from './task-context.ts';

/** Sets a county's share of a city target (task.allocate); city office only. */
export async function setAllocation(
  db: Db,
  clock: Clock,
  c: TaskContext,
  who: TaskActor,
  number: string,
  targetId: string,
  unitInput: string,
  value: number,
): Promise<{ number: string; targetId: string; unit: string; value: number }> {
  if (who.principal.role !== 'city-admin')
    throw new LantianError('LT_ERR_FORBIDDEN', '只有市大气办可以分解任务');
  const m = c.measure(number);
  const t = m.targets.find((x) => x.id === targetId);
  if (!m.leaf || !t || t.scope !== 'city')
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `${m.number} 没有全市目标 ${targetId}（可分解：${
        m.targets
          .filter((x) => x.scope === 'city')
          .map((x) => `${x.id} ${x.metric}`)
          .join('；') || '无'
      }）`,
    );
  const unit = c.resolveUnit(unitInput);
  if (!unit || unit === c.plan.cityAdcode || !m.units.includes(unit))
    throw new LantianError(
      'LT_ERR_UNIT_NOT_RESPONSIBLE',
      `${unitInput} 不是 ${m.number} 的责任县（市、区）`,
    );
  if (!Number.isFinite(value) || value < 0 || (t.max !== null && value > t.max))
    throw new LantianError(
      'LT_ERR_VALUE_OUT_OF_SCOPE',
      `${t.metric}：分解值 ${value}${t.unit}（上限 ${t.max ?? '—'}）`,
    );
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await upsertAllocation(trx, {
      plan: c.plan.plan,
      number: m.number,
      target_id: t.id,
      unit_adcode: unit,
      value,
      set_by: who.ctx.actor,
      set_at: now,
    });
    await recordAudit(trx, now, {
      ...who.ctx,
      action: 'task.allocate',
      target: `task:${c.plan.plan}/${m.number}@${unit}`,
      detail: { targetId: t.id, value, unit: t.unit },
    });
  });
  return { number: m.number, targetId: t.id, unit, value };
}
