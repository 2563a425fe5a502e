/**
 * Settings of device commands over NATS (docs/scale.md, "Device commands over NATS"): the subject
 * prefix (`<prefix>.<MN>`) and how long an API node waits for the ingest node holding the device.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';

const CommandEnvSchema = z.object({
  LANTIAN_NATS_COMMAND_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, '以 . 分隔的字母、数字、_ 和 -')
    .default('cmd.hj212'),
  // UNVERIFIED: an ingest node answers after one socket write and one insert (milliseconds).
  LANTIAN_NATS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
});

/** Where commands travel and how long a request waits. */
export interface CommandSettings {
  /** Requests go to `<prefix>.<MN>`; ingest nodes subscribe to `<prefix>.*`. */
  readonly prefix: string;
  readonly timeoutMs: number;
}

/** Reads the command settings from an environment. */
export function commandSettingsFromEnv(env: NodeJS.ProcessEnv): CommandSettings {
  const r = CommandEnvSchema.safeParse(env);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new LantianError('LT_ERR_BAD_CONFIG', `${String(i.path[0])}：${i.message}`);
  }
  return {
    prefix: r.data.LANTIAN_NATS_COMMAND_PREFIX,
    timeoutMs: r.data.LANTIAN_NATS_COMMAND_TIMEOUT_MS,
  };
}
