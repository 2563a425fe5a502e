/**
 * The daily partition job inside `serve` (PostgreSQL only): creates the month partitions the
 * rules ask for (LANTIAN_PARTITION_AHEAD_MONTHS ahead, and months whose rows wait in DEFAULT),
 * then, when a retention is set, retires the months beyond it; each run logs what it did.
 */
import type { Clock } from '../../clock.ts';
import { startPeriodicJob, type PeriodicJob } from '../../periodic-job.ts';
import type { Db } from '../db.ts';
import { monthLabel } from './month.ts';
import type { PartitionConfig } from './partition-config.ts';
import {
  ensurePartitions,
  retirePartitions,
  type EnsureReport,
  type RetireReport,
} from './partition-service.ts';

const DAY_MS = 86_400_000;
/** First run this long after the start (not in the start-up rush). */
const FIRST_RUN_MS = 60_000;

/** A pino-like logger. */
interface Log {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** One line per table of what `ensure` did (Chinese, for operators). */
export function ensureSummary(r: EnsureReport): string {
  if (r.created.length === 0) return `${r.table}：所需月分区均已存在`;
  const moved = r.created.reduce((n, c) => n + c.moved, 0);
  return `${r.table}：新建月分区 ${r.created.length} 个（${r.created.map((c) => monthLabel(c.month)).join('、')}），从默认分区移入 ${moved} 行`;
}

/** One line per table of what `retire` did (Chinese, for operators). */
export function retireSummary(r: RetireReport): string {
  const verb = r.mode === 'drop' ? '删除' : '分离';
  if (r.months.length === 0) return `${r.table}：没有超过保留期限的月分区`;
  return `${r.table}：${verb}超过保留期限的月分区 ${r.months.length} 个（${r.months.map(monthLabel).join('、')}）`;
}

/** One run of the job (exported for the job's own tests and a manual run). */
export async function runPartitionJob(
  deps: { db: Db; clock: Clock; log: Log },
  config: PartitionConfig,
): Promise<void> {
  const now = deps.clock.now();
  try {
    for (const r of await ensurePartitions(deps.db, now, config))
      deps.log.info(
        { table: r.table, created: r.created.map((c) => ({ ...c, month: monthLabel(c.month) })) },
        `分区维护：${ensureSummary(r)}`,
      );
  } catch (e) {
    deps.log.error({ err: (e as Error).message }, '分区维护：新建月分区失败');
  }
  if (config.retentionMonths === undefined) return;
  try {
    for (const r of await retirePartitions(deps.db, now, config.retentionMonths, config.retire))
      deps.log.info(
        { table: r.table, mode: r.mode, months: r.months.map(monthLabel) },
        `分区维护：${retireSummary(r)}`,
      );
  } catch (e) {
    deps.log.error({ err: (e as Error).message }, '分区维护：退役旧月分区失败');
  }
}

/** Starts the daily job (nothing on SQLite). */
export function startPartitionJob(
  deps: { db: Db; clock: Clock; log: Log },
  config: PartitionConfig,
): PeriodicJob {
  if (deps.db.dialect !== 'postgres') return { stop: async () => {} };
  return startPeriodicJob(() => runPartitionJob(deps, config), {
    intervalMs: DAY_MS,
    firstDelayMs: FIRST_RUN_MS,
  });
}
