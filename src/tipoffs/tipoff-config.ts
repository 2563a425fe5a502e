/**
 * Settings of public reporting (LANTIAN_TIPOFF_*): abuse limits, file limits, deadlines per
 * category, the department each category goes to, and the reward rule. The plan names no figure
 * for any of them: every default is UNVERIFIED (docs/dust-fires-reports.md) and meant to be set
 * by the city office.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import { TIPOFF_CATEGORIES, type TipoffCategory } from './rules/categories.ts';
import type { RewardRule } from './rules/reward-rule.ts';

/** Settings of the tipoffs domain. */
export interface TipoffConfig {
  /** Accepted reports per address within `windowMs`. */
  readonly maxPerIp: number;
  /** Accepted reports per contact phone within `windowMs`. */
  readonly maxPerPhone: number;
  /** Attempts (accepted or not) per address within `windowMs`, counted in memory. */
  readonly maxAttemptsPerIp: number;
  readonly windowMs: number;
  /** Most addresses the in-memory attempt counter keeps (the oldest are forgotten first). */
  readonly maxTrackedAddresses: number;
  /** HMAC key of the arithmetic challenge (random per process unless set). */
  readonly challengeSecret: string;
  readonly challengeTtlMs: number;
  readonly maxFiles: number;
  readonly maxImageBytes: number;
  readonly maxVideoBytes: number;
  readonly maxDescription: number;
  /** Days to verify, per category. */
  readonly deadlineDays: Readonly<Record<TipoffCategory, number>>;
  /** Department a category goes to when it is not sent to a county. */
  readonly departments: Readonly<Record<TipoffCategory, string>>;
  readonly reward: RewardRule;
  /** How often the escalation job runs, seconds (0: never). */
  readonly escalateIntervalSeconds: number;
  /** Most items of a public list page. */
  readonly publicPageSize: number;
}

const MB = 1024 * 1024;

/** Defaults (all UNVERIFIED: the plan gives no figures). */
export const DEFAULT_TIPOFF_CONFIG: Omit<TipoffConfig, 'challengeSecret'> = Object.freeze({
  maxPerIp: 5,
  maxPerPhone: 5,
  maxAttemptsPerIp: 30,
  windowMs: 3_600_000,
  maxTrackedAddresses: 10_000,
  challengeTtlMs: 10 * 60_000,
  maxFiles: 4,
  maxImageBytes: 10 * MB,
  maxVideoBytes: 50 * MB,
  maxDescription: 1000,
  deadlineDays: { industrial: 3, dust: 3, burning: 1, vehicle: 5, odour: 3, other: 5 },
  departments: {
    industrial: '市生态环境局',
    dust: '市建设局',
    burning: '市农业农村局',
    vehicle: '市公安局交巡警支队',
    odour: '市生态环境局',
    other: '市生态环境局',
  },
  reward: {
    edition: 'lantian-default-2026',
    amounts: { industrial: 500, dust: 200, burning: 200, vehicle: 100, odour: 200, other: 100 },
    requireContact: true,
  },
  escalateIntervalSeconds: 600,
  publicPageSize: 20,
});

const numberMap = z.record(z.enum(TIPOFF_CATEGORIES), z.coerce.number().nonnegative());

const TipoffEnv = z.object({
  LANTIAN_TIPOFF_MAX_PER_IP: z.coerce.number().int().positive().default(5),
  LANTIAN_TIPOFF_MAX_PER_PHONE: z.coerce.number().int().positive().default(5),
  LANTIAN_TIPOFF_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().positive().default(30),
  LANTIAN_TIPOFF_WINDOW_MINUTES: z.coerce.number().positive().default(60),
  LANTIAN_TIPOFF_SECRET: z.string().min(16).optional(),
  LANTIAN_TIPOFF_MAX_FILES: z.coerce.number().int().min(0).max(10).default(4),
  LANTIAN_TIPOFF_MAX_IMAGE_MB: z.coerce.number().positive().max(100).default(10),
  LANTIAN_TIPOFF_MAX_VIDEO_MB: z.coerce.number().positive().max(500).default(50),
  /** JSON: {"burning": 1, ...} days per category. */
  LANTIAN_TIPOFF_DEADLINE_DAYS: z.string().optional(),
  /** JSON: {"industrial": 500, ...} yuan per category. */
  LANTIAN_TIPOFF_REWARDS: z.string().optional(),
  LANTIAN_TIPOFF_REWARD_EDITION: z.string().min(1).optional(),
  LANTIAN_TIPOFF_ESCALATE_INTERVAL_S: z.coerce.number().int().min(0).default(600),
});

function jsonMap(raw: string | undefined, name: string): Partial<Record<TipoffCategory, number>> {
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new LantianError('LT_ERR_BAD_CONFIG', `${name} 须为 JSON 对象`);
  }
  const r = numberMap.safeParse(parsed);
  if (!r.success)
    throw new LantianError('LT_ERR_BAD_CONFIG', `${name}: ${r.error.issues[0]?.message}`);
  return r.data;
}

/** Reads the settings from an environment. */
export function tipoffConfigFromEnv(env: NodeJS.ProcessEnv): TipoffConfig {
  const p = TipoffEnv.safeParse(env);
  if (!p.success) {
    const first = p.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = p.data;
  const d = DEFAULT_TIPOFF_CONFIG;
  return Object.freeze({
    ...d,
    maxPerIp: e.LANTIAN_TIPOFF_MAX_PER_IP,
    maxPerPhone: e.LANTIAN_TIPOFF_MAX_PER_PHONE,
    maxAttemptsPerIp: e.LANTIAN_TIPOFF_MAX_ATTEMPTS_PER_IP,
    windowMs: e.LANTIAN_TIPOFF_WINDOW_MINUTES * 60_000,
    challengeSecret: e.LANTIAN_TIPOFF_SECRET ?? randomBytes(32).toString('hex'),
    maxFiles: e.LANTIAN_TIPOFF_MAX_FILES,
    maxImageBytes: Math.round(e.LANTIAN_TIPOFF_MAX_IMAGE_MB * MB),
    maxVideoBytes: Math.round(e.LANTIAN_TIPOFF_MAX_VIDEO_MB * MB),
    deadlineDays: {
      ...d.deadlineDays,
      ...jsonMap(e.LANTIAN_TIPOFF_DEADLINE_DAYS, 'LANTIAN_TIPOFF_DEADLINE_DAYS'),
    },
    reward: {
      ...d.reward,
      edition: e.LANTIAN_TIPOFF_REWARD_EDITION ?? d.reward.edition,
      amounts: {
        ...d.reward.amounts,
        ...jsonMap(e.LANTIAN_TIPOFF_REWARDS, 'LANTIAN_TIPOFF_REWARDS'),
      },
    },
    escalateIntervalSeconds: e.LANTIAN_TIPOFF_ESCALATE_INTERVAL_S,
  });
}
