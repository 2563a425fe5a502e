/**
 * Settings of the stream consumers that run beside the writers (docs/scale.md, "Roll-up and
 * alerting consumers"): whether a writer still does the daily roll-up and CEMS projection after
 * its commits (LANTIAN_WRITER_ROLLUP, on by default so that one process and `--role writer` behave
 * as before), the durable names of the roll-up and alerting consumers, their batch size and
 * ack wait, and how often the alerting consumer evaluates the alarms at most.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const durable = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '只允许字母、数字、_ 和 -');

const ConsumerEnvSchema = z.object({
  LANTIAN_WRITER_ROLLUP: z.enum(['on', 'off'], { message: '应为 on 或 off' }).default('on'),
  LANTIAN_ROLLUP_CONSUMER: durable.default('lantian-rollup'),
  LANTIAN_ALERTS_CONSUMER: durable.default('lantian-alerts'),
  LANTIAN_CONSUMER_BATCH: int(1, 100_000).default(5000),
  LANTIAN_CONSUMER_ACK_WAIT_S: int(5, 3600).default(60),
  LANTIAN_ALERTS_MIN_INTERVAL_S: int(0, 3600).default(10),
});

/** The consumers that read the stream beside the writers. */
export const CONSUMER_KINDS = ['rollup', 'alerts'] as const;
export type ConsumerKind = (typeof CONSUMER_KINDS)[number];

/** Everything of the roll-up and alerting consumers. */
export interface ConsumerSettings {
  /** False: writers leave the daily roll-up and CEMS projection to `--role rollup`. */
  readonly writerRollup: boolean;
  /** Durable consumer names. */
  readonly durable: Readonly<Record<ConsumerKind, string>>;
  /** Messages per fetch (one recomputation per batch). */
  readonly batch: number;
  readonly ackWaitS: number;
  /** Seconds between two alarm evaluations at least. */
  readonly alertsMinIntervalS: number;
}

/** Reads the settings from an environment. */
export function consumerSettingsFromEnv(env: NodeJS.ProcessEnv): ConsumerSettings {
  const r = ConsumerEnvSchema.safeParse(env);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new LantianError('LT_ERR_BAD_CONFIG', `${String(i.path[0])}：${i.message}`);
  }
  const e = r.data;
  return {
    writerRollup: e.LANTIAN_WRITER_ROLLUP === 'on',
    durable: { rollup: e.LANTIAN_ROLLUP_CONSUMER, alerts: e.LANTIAN_ALERTS_CONSUMER },
    batch: e.LANTIAN_CONSUMER_BATCH,
    ackWaitS: e.LANTIAN_CONSUMER_ACK_WAIT_S,
    alertsMinIntervalS: e.LANTIAN_ALERTS_MIN_INTERVAL_S,
  };
}
