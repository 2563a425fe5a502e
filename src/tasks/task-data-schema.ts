/**
 * The shape of the key-task files in data/plans/<plan>/tasks/ (zod). The files transcribe section
 * 三 of the plan: campaigns of numbered measures, each with its text, lead departments (责任部门),
 * responsible units, quantitative targets and milestones (docs/tasks.md explains each field).
 */
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
/** Unit tokens: 全市 | 各县 | a group name | an adcode | 其他:<group>[+<group>…]. */
const unitToken = z.string().min(1);

/** One quantitative target of a measure. */
export const TargetFileSchema = z.object({
  id: z.string().regex(/^t\d+$/),
  metric: z.string().min(1),
  unit: z.string().min(1),
  /** city: one city-wide total (全市); unit: each responsible county reaches its own value. */
  scope: z.enum(['city', 'unit']),
  /** at-least: reach the value (the usual case); at-most: stay at or below it (降尘量, 化肥用量). */
  direction: z.enum(['at-least', 'at-most']).default('at-least'),
  /** City-wide total, or the same value for every unit. */
  value: z.number().nonnegative().optional(),
  /** Unit scope with values differing by group (煤矸石砖瓦窑: 主城区 100 %, 传输通道县 30 % …). */
  values: z.array(z.object({ units: unitToken, value: z.number().nonnegative() })).optional(),
  /** Largest value a report may carry (a fixed population such as 223 boilers; 100 for %). */
  max: z.number().positive().nullable().optional(),
  note: z.string().optional(),
});

/** One milestone: a date and what is due by then (a share of a target, or a checklist item). */
export const MilestoneFileSchema = z.object({
  id: z.string().regex(/^m\d+$/),
  date,
  label: z.string().min(1),
  /** The target this milestone measures; absent for a checklist item. */
  target: z.string().optional(),
  /** Share of the target due by the date (0.6 for "6月底前完成60%"). */
  share: z.number().gt(0).max(1).optional(),
  /** The plan gives no date: the plan year's end is used (tasks.json implicitDeadline). */
  implicit: z.boolean().default(false),
  /** Only these units' rows carry the milestone (default: every row of the measure). */
  units: z.array(unitToken).optional(),
});

/** A measure that is tracked (a numbered measure, or one paragraph of it with its own departments). */
export const LeafFileSchema = z.object({
  number: z.string().min(1),
  title: z.string().min(1),
  text: z.string().min(1),
  departments: z.array(z.string().min(1)).min(1),
  units: z.array(unitToken).min(1),
  unitsNote: z.string().optional(),
  start: date.optional(),
  targets: z.array(TargetFileSchema).default([]),
  milestones: z.array(MilestoneFileSchema).min(1),
});

/** A numbered measure: a leaf, or a container of sub-measures (its paragraphs). */
export const MeasureFileSchema = z.union([
  z.object({
    number: z.string().min(1),
    title: z.string().min(1),
    text: z.string().min(1),
    subMeasures: z.array(LeafFileSchema).min(2),
  }),
  LeafFileSchema,
]);

/** One campaign file (campaign-N.json). */
export const CampaignFileSchema = z.object({
  campaign: z.string().min(1),
  title: z.string().min(1),
  heading: z.string().optional(),
  measures: z.array(MeasureFileSchema).min(1),
});

/** departments.json: the registry of lead departments. */
export const DepartmentsFileSchema = z.object({
  note: z.string().optional(),
  departments: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
        name: z.string().min(1),
        aliases: z.array(z.string().min(1)).default([]),
        parent: z.string().optional(),
        note: z.string().optional(),
      }),
    )
    .min(1),
});

/** unit-groups.json: named groups of units the measures refer to. */
export const UnitGroupsFileSchema = z.object({
  note: z.string().optional(),
  groups: z.array(
    z.object({
      name: z.string().min(1),
      units: z.array(z.string().regex(/^\d{6}$/)).min(1),
      source: z.string().optional(),
      verified: z.boolean().default(true),
      note: z.string().optional(),
    }),
  ),
});

/** tasks.json: the index of the folder. */
export const TasksIndexSchema = z.object({
  plan: z.string().min(1),
  section: z.string().optional(),
  sectionTitle: z.string().optional(),
  source: z.string().optional(),
  /** The plan's title, document number and dispatching office (notices and sheets). */
  planTitle: z.string().min(1),
  document: z.string().min(1),
  office: z.string().min(1),
  /** Day the time-proportional pace starts from (the plan's issue date). */
  start: date,
  implicitDeadline: date,
  departments: z.string().default('departments.json'),
  unitGroups: z.string().default('unit-groups.json'),
  campaigns: z.array(z.string()).min(1),
});

/** A reported measure as written in a campaign file. */
export type LeafFile = z.infer<typeof LeafFileSchema>;
/** A campaign file. */
export type CampaignFile = z.infer<typeof CampaignFileSchema>;
/** departments.json. */
export type DepartmentsFile = z.infer<typeof DepartmentsFileSchema>;
/** unit-groups.json. */
export type UnitGroupsFile = z.infer<typeof UnitGroupsFileSchema>;
/** tasks.json. */
export type TasksIndex = z.infer<typeof TasksIndexSchema>;
