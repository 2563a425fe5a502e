/**
 * Settings of the distributed shape (docs/scale.md): the NATS server, the JetStream stream the
 * ingest nodes publish HJ 212 frames to, the durable consumer the writers share, and the
 * metrics port of each role. Read from LANTIAN_NATS_* / LANTIAN_WRITER_* / LANTIAN_METRICS_PORT.
 * Without LANTIAN_NATS_URL nothing here is used and `serve` runs as one process, as before.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import { consumerSettingsFromEnv, type ConsumerSettings } from './consumer-config.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const ScaleEnvSchema = z.object({
  LANTIAN_NATS_URL: z.string().trim().optional(),
  LANTIAN_NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '只允许字母、数字、_ 和 -')
    .default('LANTIAN_HJ212'),
  LANTIAN_NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, '以 . 分隔的字母、数字、_ 和 -')
    .default('hj212'),
  LANTIAN_NATS_STREAM_MAX_AGE_S: int(0, 10 * 366 * 86_400).default(7 * 86_400),
  LANTIAN_NATS_STREAM_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(-1)
    .default(50 * 2 ** 30),
  LANTIAN_NATS_STREAM_DISCARD: z.enum(['new', 'old']).default('new'),
  LANTIAN_NATS_STREAM_REPLICAS: int(1, 5).default(1),
  LANTIAN_NATS_DUPLICATE_WINDOW_S: int(1, 86_400).default(600),
  LANTIAN_NATS_PUBLISH_TIMEOUT_MS: int(100, 120_000).default(5000),
  LANTIAN_NATS_CONSUMER: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '只允许字母、数字、_ 和 -')
    .default('lantian-writer'),
  LANTIAN_WRITER_BATCH: int(1, 100_000).default(2000),
  LANTIAN_WRITER_ACK_WAIT_S: int(1, 3600).default(30),
  LANTIAN_WRITER_MAX_ACK_PENDING: int(1, 1_000_000).default(20_000),
  LANTIAN_METRICS_PORT: int(0, 65535).default(9464),
  LANTIAN_METRICS_HOST: z.string().min(1).default('0.0.0.0'),
  // Heavy-truck frames (GB 17691 / HJ 1239): their own stream; discard, replicas and the
  // duplicate window are the HJ 212 stream's.
  LANTIAN_NATS_OBD_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '只允许字母、数字、_ 和 -')
    .default('LANTIAN_OBD'),
  LANTIAN_NATS_OBD_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, '以 . 分隔的字母、数字、_ 和 -')
    .default('obd'),
  LANTIAN_NATS_OBD_STREAM_MAX_AGE_S: int(0, 10 * 366 * 86_400).default(7 * 86_400),
  LANTIAN_NATS_OBD_STREAM_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(-1)
    .default(50 * 2 ** 30),
  LANTIAN_NATS_OBD_CONSUMER: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '只允许字母、数字、_ 和 -')
    .default('lantian-obd-writer'),
});

/** The stream every ingest node publishes to (created or updated at start). */
export interface StreamSettings {
  readonly name: string;
  /** Subjects are `<prefix>.<ST>.<MN>.<CN>`; the stream holds `<prefix>.>`. */
  readonly subjectPrefix: string;
  readonly maxAgeS: number;
  /** -1: unlimited. */
  readonly maxBytes: number;
  /** `new`: a full stream refuses publishes (ingest stops acking); `old`: drops the oldest. */
  readonly discard: 'new' | 'old';
  readonly replicas: number;
  /** How long a message id is remembered for de-duplication. */
  readonly duplicateWindowS: number;
}

/** Everything of the distributed shape. */
export interface ScaleConfig {
  /** Comma-separated NATS server URLs; undefined: no NATS (one process). */
  readonly natsUrl: string | undefined;
  readonly stream: StreamSettings;
  readonly publishTimeoutMs: number;
  readonly consumer: string;
  readonly writerBatch: number;
  readonly ackWaitS: number;
  readonly maxAckPending: number;
  readonly metricsPort: number;
  readonly metricsHost: string;
  /** The roll-up and alerting consumers (consumer-config.ts). */
  readonly consumers: ConsumerSettings;
  /** The heavy-truck stream (subjects `<prefix>.<VIN>.<command>`). */
  readonly obdStream: StreamSettings;
  /** The durable consumer of the heavy-truck stream the writers share. */
  readonly obdConsumer: string;
}

/** Reads the settings from an environment. */
export function scaleConfigFromEnv(env: NodeJS.ProcessEnv): ScaleConfig {
  const r = ScaleEnvSchema.safeParse(env);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new LantianError('LT_ERR_BAD_CONFIG', `${String(i.path[0])}：${i.message}`);
  }
  const e = r.data;
  return {
    natsUrl: e.LANTIAN_NATS_URL === '' ? undefined : e.LANTIAN_NATS_URL,
    stream: {
      name: e.LANTIAN_NATS_STREAM,
      subjectPrefix: e.LANTIAN_NATS_SUBJECT_PREFIX,
      maxAgeS: e.LANTIAN_NATS_STREAM_MAX_AGE_S,
      maxBytes: e.LANTIAN_NATS_STREAM_MAX_BYTES,
      discard: e.LANTIAN_NATS_STREAM_DISCARD,
      replicas: e.LANTIAN_NATS_STREAM_REPLICAS,
      duplicateWindowS: e.LANTIAN_NATS_DUPLICATE_WINDOW_S,
    },
    publishTimeoutMs: e.LANTIAN_NATS_PUBLISH_TIMEOUT_MS,
    consumer: e.LANTIAN_NATS_CONSUMER,
    writerBatch: e.LANTIAN_WRITER_BATCH,
    ackWaitS: e.LANTIAN_WRITER_ACK_WAIT_S,
    maxAckPending: e.LANTIAN_WRITER_MAX_ACK_PENDING,
    metricsPort: e.LANTIAN_METRICS_PORT,
    metricsHost: e.LANTIAN_METRICS_HOST,
    consumers: consumerSettingsFromEnv(env),
    obdStream: {
      name: e.LANTIAN_NATS_OBD_STREAM,
      subjectPrefix: e.LANTIAN_NATS_OBD_SUBJECT_PREFIX,
      maxAgeS: e.LANTIAN_NATS_OBD_STREAM_MAX_AGE_S,
      maxBytes: e.LANTIAN_NATS_OBD_STREAM_MAX_BYTES,
      discard: e.LANTIAN_NATS_STREAM_DISCARD,
      replicas: e.LANTIAN_NATS_STREAM_REPLICAS,
      duplicateWindowS: e.LANTIAN_NATS_DUPLICATE_WINDOW_S,
    },
    obdConsumer: e.LANTIAN_NATS_OBD_CONSUMER,
  };
}
