/**
 * Settings of the partition job (LANTIAN_PARTITION_*), parsed once by zod. Defaults: partitions 3
 * months ahead, kept forever; with a retention, old partitions are detached (kept as tables of
 * their own for an operator to archive and drop), or dropped when LANTIAN_PARTITION_RETIRE=drop.
 */
import { z } from 'zod';
import { LantianError } from '../../errors.ts';
import type { PartitionPolicy } from './partition-plan.ts';

/** What happens to a partition beyond retention. */
export type RetireMode = 'detach' | 'drop';

/** The partition settings. */
export interface PartitionConfig extends PartitionPolicy {
  readonly retire: RetireMode;
}

const blankIsUnset = (v: unknown): unknown => (v === '' ? undefined : v);

const PartitionEnvSchema = z.object({
  LANTIAN_PARTITION_AHEAD_MONTHS: z.coerce.number().int().min(0).max(60).default(3),
  LANTIAN_PARTITION_RETENTION_MONTHS: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(1).max(1200).optional(),
  ),
  LANTIAN_PARTITION_RETIRE: z.preprocess(
    blankIsUnset,
    z.enum(['detach', 'drop']).default('detach'),
  ),
});

/** Reads the settings (LT_ERR_BAD_CONFIG naming the malformed variables). */
export function partitionConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PartitionConfig {
  const r = PartitionEnvSchema.safeParse(env);
  if (!r.success)
    throw new LantianError(
      'LT_ERR_BAD_CONFIG',
      `分区设置不正确：${r.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return {
    aheadMonths: r.data.LANTIAN_PARTITION_AHEAD_MONTHS,
    retentionMonths: r.data.LANTIAN_PARTITION_RETENTION_MONTHS,
    retire: r.data.LANTIAN_PARTITION_RETIRE,
  };
}
