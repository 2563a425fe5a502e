/**
 * Settings of the gate operations side from the environment (LANTIAN_GATE_*), parsed once by zod.
 * Retention per record kind (standards.md §7.3): the passage ledger 730 days (24 months, HJ 1321-2023
 * as quoted — UNVERIFIED), photos 365 days (12 months, the video rule applied to photos). The 2020
 * plan's 90 days is what a gate must keep locally and is the floor: a shorter setting is refused
 * (LT_ERR_GATE_RETENTION_TOO_SHORT). The live stream's bounds are configuration too.
 */
import { z } from 'zod';
import { LantianError } from '../../errors.ts';
import { gatesConfigFromEnv } from '../gate-config.ts';

/** The plan's minimum a gate keeps locally; no retention setting may be shorter. */
export const MIN_RETENTION_DAYS = 90;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const GateOpsEnvSchema = z.object({
  LANTIAN_GATE_PASSAGE_RETENTION_DAYS: int(0, 36_500).default(730),
  LANTIAN_GATE_PHOTO_RETENTION_DAYS: int(0, 36_500).default(365),
  LANTIAN_GATE_LIVE_PER_USER: int(1, 100).default(3),
  LANTIAN_GATE_LIVE_MAX_STREAMS: int(1, 10_000).default(200),
  LANTIAN_GATE_LIVE_HEARTBEAT_S: int(1, 3600).default(15),
});

/** Days each kind of gate record is kept. */
export interface GateRetention {
  passageDays: number;
  photoDays: number;
}

/** The gate operations settings. */
export interface GateOpsConfig {
  /** The gate photo store (a DiskBlobStore root): the one the gate ingest writes (gate-config.ts). */
  readonly photoDir: string;
  readonly retention: GateRetention;
  /** Live streams one account may hold at once. */
  readonly livePerUser: number;
  /** Listeners the passage feed allows (all accounts together). */
  readonly liveMaxStreams: number;
  readonly liveHeartbeatMs: number;
}

/** Refuses a retention below the 90-day floor. */
export function checkRetention(r: GateRetention): GateRetention {
  for (const [kind, days] of Object.entries(r))
    if (days < MIN_RETENTION_DAYS)
      throw new LantianError('LT_ERR_GATE_RETENTION_TOO_SHORT', `${kind}：${days} 天`);
  return r;
}

/** Reads the settings (LT_ERR_BAD_CONFIG on a malformed value, TOO_SHORT below 90 days). */
export function gateOpsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GateOpsConfig {
  const r = GateOpsEnvSchema.safeParse(env);
  if (!r.success)
    throw new LantianError(
      'LT_ERR_BAD_CONFIG',
      r.error.issues.map((i) => i.path.join('.')).join(', '),
    );
  const e = r.data;
  return {
    photoDir: gatesConfigFromEnv(env).photoDir,
    retention: checkRetention({
      passageDays: e.LANTIAN_GATE_PASSAGE_RETENTION_DAYS,
      photoDays: e.LANTIAN_GATE_PHOTO_RETENTION_DAYS,
    }),
    livePerUser: e.LANTIAN_GATE_LIVE_PER_USER,
    liveMaxStreams: e.LANTIAN_GATE_LIVE_MAX_STREAMS,
    liveHeartbeatMs: e.LANTIAN_GATE_LIVE_HEARTBEAT_S * 1000,
  };
}
