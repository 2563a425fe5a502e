/**
 * Request and response shapes of the emergency-reduction lists (docs/warnings.md, Emergency-
 * reduction lists): the matrix, overrides (一企一策), truck counts, lists and their items.
 */
import { z } from 'zod';
import { REDUCTION_POLLUTANTS } from '../measures.ts';
import { LIST_LEVELS, MATRIX_GRADES } from './rules/enterprise-measures.ts';

const MEASURE_KINDS = [
  'self-determined',
  'limit-output',
  'stop-lines',
  'stop',
  'stop-kilns',
  'truck-ban',
  'road-transport-stop',
  'nonroad-ban',
  'voc-stagger',
  'other',
] as const;

/** One measure (src/warnings/measures.ts). */
export const MeasureIn = z
  .object({
    kind: z.enum(MEASURE_KINDS),
    pct: z.number().min(0).max(100).optional(),
    lines: z.array(z.string().min(1).max(40)).max(50).optional(),
    hours: z.string().min(1).max(60).optional(),
    text: z.string().min(1).max(200).optional(),
  })
  .strict();
/** A list of measures. */
export const Measures = z.array(MeasureIn).max(12);

export const Level = z.enum(LIST_LEVELS);
export const Grade = z.enum(MATRIX_GRADES);

/** One matrix cell as shown: measures, and whether it is the file's default or an edit. */
export const MatrixCellOut = z.object({
  industry: z.string(),
  grade: Grade,
  level: Level,
  measures: Measures,
  origin: z.enum(['default', 'edited']),
  updatedBy: z.string().nullable(),
});
export const MatrixOut = z.object({
  edition: z.string(),
  source: z.string(),
  verified: z.boolean(),
  industries: z.array(z.object({ code: z.string(), name: z.string() })),
  grades: z.array(Grade),
  cells: z.array(MatrixCellOut),
  config: z.object({
    reductionTargets: z.object({ yellow: z.number(), orange: z.number(), red: z.number() }),
    ungradedAs: z.enum(['C', 'D']),
    truckBan: z.object({ minTrucksPerDay: z.number(), fromLevel: Level }),
    nonroadBan: z.object({ fromLevel: Level }),
    baselineDays: z.number(),
    guaranteeText: z.string(),
    positiveListText: z.string(),
    vocStaggerHours: z.string(),
  }),
});
export const CellParams = z.object({
  industry: z.string().regex(/^[a-z][a-z0-9_]*$/),
  grade: Grade,
  level: Level,
});
export const CellBody = z.object({ measures: Measures });

export const EnterpriseParams = z.object({ code: z.string().min(1).max(40) });
export const OverrideParams = EnterpriseParams.extend({ level: Level });
export const OverrideBody = z.object({
  measures: Measures.min(1),
  reason: z.string().trim().min(1).max(500),
});
export const OverrideOut = z.object({
  creditCode: z.string(),
  enterprise: z.string(),
  level: Level,
  measures: Measures,
  reason: z.string(),
  updatedBy: z.string(),
  updatedAt: z.number(),
});
export const OverridesOut = z.object({ overrides: z.array(OverrideOut) });
export const TransportBody = z.object({ trucksPerDay: z.number().int().min(0).max(100_000) });
export const TransportOut = z.object({ creditCode: z.string(), trucksPerDay: z.number() });

const Pollutant = z.enum(REDUCTION_POLLUTANTS as unknown as ['SO2', 'NOx', 'PM', 'VOCs']);
const Baseline = z.object({ kgPerDay: z.number(), source: z.enum(['cems', 'registry']) });
export const PollutantTotalOut = z.object({
  baseline: z.number(),
  expected: z.number(),
  targetPct: z.number(),
  achievedPct: z.number(),
});

export const GenerateBody = z.object({
  region: z.string().regex(/^\d{6}$/),
  level: Level,
  kind: z.enum(['industrial', 'voc-stagger']).default('industrial'),
});
export const ListParams = z.object({ id: z.coerce.number().int().positive() });
export const PublishBody = z.object({
  overrideReason: z.string().trim().min(1).max(500).optional(),
});
export const ListsQuery = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  level: Level.optional(),
  kind: z.enum(['industrial', 'voc-stagger']).optional(),
  status: z.enum(['draft', 'published', 'superseded']).optional(),
});
export const ExportQuery = z.object({
  county: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const ListItemOut = z.object({
  enterpriseId: z.number(),
  creditCode: z.string(),
  enterprise: z.string(),
  county: z.string(),
  industry: z.string(),
  grade: z.string().nullable(),
  measures: Measures,
  basis: z.enum(['matrix', 'override', 'positive-list', 'guarantee', 'self-determined']),
  baseline: z.partialRecord(Pollutant, Baseline),
  expected: z.partialRecord(Pollutant, z.number()),
});
export const ListSummaryOut = z.object({
  id: z.number(),
  region: z.string(),
  level: Level,
  kind: z.enum(['industrial', 'voc-stagger']),
  version: z.number(),
  status: z.enum(['draft', 'published', 'superseded']),
  edition: z.string(),
  totals: z.partialRecord(Pollutant, PollutantTotalOut),
  shortfall: z.array(Pollutant),
  shortfallOverridden: z.boolean(),
  overrideReason: z.string().nullable(),
  generatedBy: z.string(),
  generatedAt: z.number(),
  publishedBy: z.string().nullable(),
  publishedAt: z.number().nullable(),
  itemCount: z.number(),
});
export const ListOut = ListSummaryOut.extend({ items: z.array(ListItemOut) });
export const ListsOut = z.object({ lists: z.array(ListSummaryOut) });
