/**
 * Schemas of the gate domain: the gate-facing record (the wire contract, docs/mobile-sources.md)
 * and the officers' requests and answers.
 */
import { z } from 'zod';

/** Photo kinds a gate sends (multipart field `photo_<kind>`). */
export const PHOTO_KINDS = ['body', 'front', 'plate', 'list', 'licence', 'manual'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

const text = (max: number) => z.string().trim().max(max);
const opt = (max: number) => text(max).nullish();

/** A passage as a gate reports it (standards.md §7.1 fields). Stage and time are checked apart. */
export const GateRecord = z.object({
  recordId: z.string().min(1).max(64),
  gateId: z.number().int().positive().optional(),
  time: z.string().min(1).max(40),
  direction: z.enum(['in', 'out']),
  plate: text(16),
  plateColour: opt(16),
  vin: opt(17),
  engineNo: opt(32),
  emissionStage: z.string().max(4).nullish(),
  fuel: opt(32),
  registrationDate: z
    .string()
    .regex(/^(\d{8}|\d{4}-\d{2}-\d{2})$/)
    .nullish(),
  goods: opt(32),
  quantityT: z.number().min(0).max(9999.9).nullish(),
  fleet: opt(100),
  manualOpen: z.object({ by: text(64).min(1), reason: text(500).min(1) }).nullish(),
  photos: z
    .array(z.object({ kind: z.enum(PHOTO_KINDS), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
    .max(24)
    .optional(),
});
export type GateRecordIn = z.output<typeof GateRecord>;

/** The answer to a passage. */
export const PassageAnswer = z.object({
  passageId: z.number().int(),
  duplicate: z.boolean(),
  late: z.boolean(),
  violations: z.array(z.string()),
});

/** The answer to a photo upload. */
export const PhotoAnswer = z.object({
  sha256: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
});

/** The blacklist as gates fetch it. */
export const GateBlacklist = z.object({
  version: z.number().int(),
  entries: z.array(
    z.object({
      plate: z.string().nullable(),
      vin: z.string().nullable(),
      reason: z.string(),
      source: z.string(),
    }),
  ),
});

const Level = z.enum(['yellow', 'orange', 'red']);
const Stage = z.enum(['0', '1', '2', '3', '4', '5', '6']);

/** The capacity rule set in force for a gate now. */
export const GateRules = z.object({
  at: z.number(),
  level: Level.nullable(),
  episodeId: z.number().nullable(),
  ruleVersion: z.string(),
  rule: z
    .object({
      id: z.number().nullable(),
      fromLevel: Level,
      bannedUpToStage: z.string().nullable(),
      minTrucksPerDay: z.number(),
      dailyTruckCap: z.number().nullable(),
    })
    .nullable(),
  trucksPerDay: z.object({
    value: z.number(),
    basis: z.enum(['emergency-transport', 'own-passages']),
  }),
  banActive: z.boolean(),
  unknownStageBanned: z.boolean(),
});

export const HeartbeatAnswer = z.object({ gateId: z.number(), at: z.number() });

/** Registering a gate. */
export const GateIn = z.object({
  /** The enterprise by id, or by its credit code (one of the two). */
  enterpriseId: z.number().int().positive().optional(),
  creditCode: z.string().max(18).optional(),
  name: text(64).min(1),
  direction: z.enum(['in', 'out', 'both']).default('both'),
  lon: z.number().min(-180).max(180).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  expectedHours: z
    .tuple([z.number().int().min(0).max(23), z.number().int().min(1).max(24)])
    .default([0, 24]),
});

export const GateOut = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  county: z.string(),
  name: z.string(),
  direction: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  tokenHint: z.string(),
  enabled: z.boolean(),
  expectedHours: z.array(z.number()),
  createdAt: z.number(),
  lastSeenAt: z.number().nullable(),
});
export const GateList = z.object({ gates: z.array(GateOut) });
/** A gate with its credential, shown once. */
export const GateWithCredential = z.object({ gate: GateOut, credential: z.string() });
export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const BLACKLIST_SOURCES = [
  'remote-sensing',
  'tampering',
  'roadside',
  'black-smoke',
  'manual',
  'other',
] as const;
export const BlacklistIn = z.object({
  plate: text(16).nullish(),
  vin: text(17).nullish(),
  reason: text(500).min(1),
  source: z.enum(BLACKLIST_SOURCES),
});
export const BlacklistEntry = z.object({
  id: z.number(),
  plate: z.string().nullable(),
  vin: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
  region: z.string(),
  addedBy: z.string(),
  addedAt: z.number(),
  removedBy: z.string().nullable(),
  removedAt: z.number().nullable(),
});
export const BlacklistOut = z.object({ version: z.number(), entries: z.array(BlacklistEntry) });
export const BlacklistQuery = z.object({ removed: z.enum(['true', 'false']).default('false') });

export const RuleIn = z.object({
  enterpriseId: z.number().int().positive().nullable(),
  fromLevel: Level,
  bannedUpToStage: Stage.nullable(),
  minTrucksPerDay: z.number().int().min(0).max(100_000),
  dailyTruckCap: z.number().int().min(0).max(100_000).nullable(),
  validFrom: z.number().int().optional(),
  validTo: z.number().int().nullable().optional(),
});
export const RuleOut = z.object({
  id: z.number(),
  enterpriseId: z.number().nullable(),
  fromLevel: z.string(),
  bannedUpToStage: z.string().nullable(),
  minTrucksPerDay: z.number(),
  dailyTruckCap: z.number().nullable(),
  validFrom: z.number(),
  validTo: z.number().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
});
export const RuleList = z.object({
  rules: z.array(RuleOut),
  /** The default when no rule is stored (emergency matrix truckBan). */
  fallback: GateRules.shape.rule,
});

export const ViolationQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  kind: z.enum(['blacklisted', 'banned-stage', 'over-cap', 'manual-open']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const GateViolationOut = z.object({
  id: z.number(),
  kind: z.string(),
  level: z.string().nullable(),
  ruleVersion: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  status: z.string(),
  findings: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.number().nullable(),
  createdAt: z.number(),
  county: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  passage: z.object({
    id: z.number(),
    gateId: z.number(),
    gateName: z.string(),
    passedAt: z.number(),
    direction: z.string(),
    plate: z.string(),
    emissionStage: z.string().nullable(),
    manualBy: z.string().nullable(),
    manualReason: z.string().nullable(),
    late: z.boolean(),
  }),
  photos: z.array(z.object({ kind: z.string(), sha256: z.string(), mediaType: z.string() })),
});
export const GateViolationList = z.object({
  violations: z.array(GateViolationOut),
  counts: z.object({ open: z.number(), closed: z.number() }),
});
export const CloseIn = z.object({ findings: text(2000).min(1) });
export const PhotoParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
