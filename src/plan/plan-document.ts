/**
 * The plan as one validated document: what a plan version stores. Files in data/plans/<id>/ are
 * read into this shape (plan-files.ts); the API accepts and returns it. Rules carry defaults so
 * that a minimal document (units and targets) is complete.
 */
import { z } from 'zod';

const adcode = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');
const nullableNumber = z.number().nullable();
const nullableInt = z.number().int().nullable();

/** Annual targets of one unit (or of the city); null = the plan sets none. */
export const TargetSchema = z.object({
  /** Annual mean PM2.5 target, µg/m³. */
  pm25: nullableNumber.default(null),
  /** Good days (优良天数) target. */
  goodDays: nullableInt.default(null),
  /** Good-day rate target, %. */
  goodRatePct: nullableNumber.default(null),
  /** Ceiling on heavy-pollution days (重污染天数, AQI > 200). */
  heavyDays: nullableInt.default(null),
});

/** The base-year figures the plan's percentages refer to: editable inputs, marked verified or not. */
export const BaselineSchema = z.object({
  pm25: nullableNumber.default(null),
  goodDays: nullableInt.default(null),
  heavyDays: nullableInt.default(null),
  /** False for derived values and placeholders (UNVERIFIED). */
  verified: z.boolean().default(false),
  /** 'published' | 'derived' | '' (unknown) or a free-text source. */
  source: z.string().default(''),
  note: z.string().default(''),
});

/** Where a unit without a polygon (a functional zone) is drawn on the map. */
export const MarkerSchema = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  verified: z.boolean().default(false),
  note: z.string().default(''),
});

/** One county-level unit of the plan with its targets and base-year figures. */
export const UnitSchema = z.object({
  adcode,
  /** Name as the plan's annex writes it. */
  name: z.string().min(1),
  fullName: z.string().default(''),
  /** 'county' (GB/T 2260 county-level division) or 'zone' (functional zone, statistical code). */
  level: z.enum(['county', 'zone']).default('county'),
  codeSystem: z.string().default('GB/T 2260'),
  marker: MarkerSchema.nullable().default(null),
  target: TargetSchema.default({ pm25: null, goodDays: null, goodRatePct: null, heavyDays: null }),
  baseline: BaselineSchema.default({
    pm25: null,
    goodDays: null,
    heavyDays: null,
    verified: false,
    source: '',
    note: '',
  }),
});

const ProjectionMethod = z.enum(['seasonal', 'same-ratio', 'linear']);

/** Configurable rules with their documented defaults (docs/plan.md). */
export const RulesSchema = z.object({
  assessment: z
    .object({
      /** Station kinds that speak for the city (国控: the national-control points). */
      cityStationKinds: z.array(z.string()).nullable().default(['国控']),
      mainCityStationKinds: z.array(z.string()).nullable().default(['国控']),
      /** null = every assessment station of the unit, whatever its kind. */
      unitStationKinds: z.array(z.string()).nullable().default(null),
    })
    .prefault({}),
  projection: z
    .object({
      /** Methods in order of preference; the first one available is the primary projection. */
      order: z.array(ProjectionMethod).min(1).default(['seasonal', 'same-ratio', 'linear']),
      /** Past years the seasonal profile averages. */
      profileYears: z.number().int().min(1).max(10).default(3),
    })
    .prefault({}),
  status: z
    .object({
      pm25AtRiskPct: z.number().min(0).max(100).default(5),
      goodDaysAtRiskPct: z.number().min(0).max(100).default(5),
      heavyDaysAtRiskPct: z.number().min(0).max(100).default(20),
    })
    .prefault({}),
  ranking: z
    .object({
      bottomCount: z.number().int().min(0).max(100).default(10),
      changeDecimals: z.number().int().min(0).max(4).default(2),
      compositeIndex: z.enum(['2018', 'weighted-unverified']).default('2018'),
    })
    .prefault({}),
  mainCityRule: z
    .object({ enabled: z.boolean().default(true), note: z.string().default('') })
    .prefault({}),
  notices: z
    .object({
      warningLetter: z
        .object({
          pm25ImprovementBehind: z.boolean().default(true),
          goodDaysBehindPace: z.boolean().default(true),
        })
        .prefault({}),
      summons: z
        .object({
          offTrack: z.boolean().default(true),
          offScale: z
            .object({
              aqiAbove: z.number().min(0).max(500).default(500),
              minHours: z.number().int().min(1).max(8784).default(72),
              consecutive: z.boolean().default(true),
            })
            .prefault({}),
        })
        .prefault({}),
    })
    .prefault({}),
});

/** A whole plan version. */
export const PlanDocumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, '方案编号只能含小写字母、数字和横线'),
  name: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  baseYear: z.number().int().min(1990).max(2100),
  source: z.record(z.string(), z.string()).default({}),
  city: z.object({
    adcode,
    name: z.string().min(1),
    parentAdcode: adcode.nullable().default(null),
    parentName: z.string().nullable().default(null),
    target: TargetSchema.extend({ pm25ReductionPct: nullableNumber.default(null) }).prefault({}),
    baseline: BaselineSchema.prefault({}),
    note: z.string().default(''),
  }),
  mainCity: z
    .object({
      name: z.string().default('主城区'),
      members: z.array(adcode).default([]),
      baseline: BaselineSchema.prefault({}),
      note: z.string().default(''),
    })
    .nullable()
    .default(null),
  units: z.array(UnitSchema).min(1),
  rules: RulesSchema.prefault({}),
});

/** A plan version's document (defaults applied). */
export type PlanDocument = z.infer<typeof PlanDocumentSchema>;
/** What a caller may send (defaults not yet applied). */
export type PlanDocumentInput = z.input<typeof PlanDocumentSchema>;
/** Targets of a unit or of the city. */
export type PlanTarget = z.infer<typeof TargetSchema>;
/** Base-year figures. */
export type PlanBaseline = z.infer<typeof BaselineSchema>;
