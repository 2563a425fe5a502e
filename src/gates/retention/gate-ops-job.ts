/**
 * The daily gate operations job inside `serve`: applies the retention (retention-service.ts) to
 * the passages and the photo store at LANTIAN_GATE_PHOTO_DIR, logs what it removed, then updates
 * the emergency-reduction truck counts from the gates (stats/transport-counts.ts).
 */
import { DiskBlobStore } from '../../blobs/disk-blob-store.ts';
import type { Clock } from '../../clock.ts';
import { startPeriodicJob, type PeriodicJob } from '../../periodic-job.ts';
import type { Db } from '../../store/db.ts';
import { updateTransportFromGates } from '../stats/transport-counts.ts';
import type { GateOpsConfig } from './gate-ops-config.ts';
import { applyGateRetention } from './retention-service.ts';

const DAY_MS = 86_400_000;
/** First run this long after the start (not in the start-up rush). */
const FIRST_RUN_MS = 90_000;

/** A pino-like logger. */
interface Log {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** One run of the job (exported for the job's own tests and a manual run). */
export async function runGateOps(
  deps: { db: Db; clock: Clock; log: Log },
  config: GateOpsConfig,
): Promise<void> {
  try {
    const r = await applyGateRetention(
      deps.db,
      deps.clock,
      new DiskBlobStore(config.photoDir),
      config.retention,
    );
    deps.log.info(
      { ...r },
      `门禁保存期限清理：删除 ${r.passagesRemoved} 条过车记录、${r.photoRowsRemoved} 条照片记录、${r.filesRemoved} 个照片文件（${r.bytesRemoved} 字节）；${r.passagesHeld} 条因未结违规保留`,
    );
  } catch (e) {
    deps.log.error({ err: (e as Error).message }, '门禁保存期限清理失败');
  }
  try {
    const n = await updateTransportFromGates(deps.db, deps.clock);
    deps.log.info({ enterprises: n }, `应急运输车辆数：按门禁记录更新了 ${n} 家企业`);
  } catch (e) {
    deps.log.error({ err: (e as Error).message }, '按门禁记录更新应急运输车辆数失败');
  }
}

/** Starts the daily job. */
export function startGateOpsJob(
  deps: { db: Db; clock: Clock; log: Log },
  config: GateOpsConfig,
): PeriodicJob {
  return startPeriodicJob(() => runGateOps(deps, config), {
    intervalMs: DAY_MS,
    firstDelayMs: FIRST_RUN_MS,
  });
}
