/** Request and answer shapes of the episode routes (docs/warnings.md, Episodes and notices). */
import { z } from 'zod';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期须为 YYYY-MM-DD');
const Level = z.enum(['yellow', 'orange', 'red']);
const Override = z
  .object({ reason: z.string().max(500) })
  .nullable()
  .optional();

/** POST /api/warnings/episodes: issue a warning. */
export const IssueBody = z.object({
  region: z.string().regex(/^\d{6}$/, '区域代码须为 6 位数字'),
  level: Level,
  from: Day,
  to: Day.nullable().optional(),
  /** The forecast version the decision rests on (null: none, an override is then required). */
  forecastVersionId: z.number().int().positive().nullable(),
  override: Override,
});

/** POST /api/warnings/episodes/:id/decisions: upgrade, downgrade, extend or lift. */
export const DecisionBody = z.object({
  action: z.enum(['upgrade', 'downgrade', 'extend', 'lift']),
  level: Level.optional(),
  from: Day.optional(),
  to: Day.nullable().optional(),
  forecastVersionId: z.number().int().positive().nullable(),
  override: Override,
});

/** POST /api/warnings/decisions/:id/confirmations. */
export const ConfirmBody = z.object({ note: z.string().max(500).nullable().optional() });

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const EpisodeQuery = z.object({
  status: z.enum(['active', 'lifted']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const Unit = z.object({ unit: z.string(), unitName: z.string() });

const Confirmation = Unit.extend({
  confirmedBy: z.string(),
  confirmedAt: z.number(),
  note: z.string().nullable(),
});

const Decision = z.object({
  id: z.number(),
  seq: z.number(),
  action: z.string(),
  actionName: z.string(),
  level: z.string(),
  levelName: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  forecastVersionId: z.number().nullable(),
  edition: z.string().nullable(),
  basis: z.enum(['supported', 'overridden']),
  overrideReason: z.string().nullable(),
  reason: z.string(),
  noticeNumber: z.string(),
  noticeUrl: z.string(),
  decidedBy: z.string(),
  decidedAt: z.number(),
  confirmations: z.array(Confirmation),
  /** Counties of the episode's region that have not confirmed yet. */
  pending: z.array(Unit),
});

/** An episode with its decisions. */
export const EpisodeOut = z.object({
  id: z.number(),
  region: z.string(),
  regionName: z.string(),
  status: z.enum(['active', 'lifted']),
  level: z.string(),
  levelName: z.string(),
  peakLevel: z.string(),
  response: z.enum(['industrial', 'advice']),
  from: z.string(),
  to: z.string().nullable(),
  levelSince: z.string(),
  liftedOn: z.string().nullable(),
  edition: z.string(),
  forecastVersionId: z.number().nullable(),
  decisions: z.array(Decision),
});

export const EpisodeList = z.object({ episodes: z.array(EpisodeOut) });

/** An active warning as the banner and the overview card show it. */
export const ActiveWarning = z.object({
  episodeId: z.number(),
  region: z.string(),
  regionName: z.string(),
  level: z.string(),
  levelName: z.string(),
  response: z.enum(['industrial', 'advice']),
  from: z.string(),
  to: z.string().nullable(),
  levelSince: z.string(),
  decisionId: z.number(),
  noticeNumber: z.string(),
  /** For a county or department caller: whether it confirmed the latest decision; else null. */
  confirmed: z.boolean().nullable(),
});

export const ActiveList = z.object({ warnings: z.array(ActiveWarning) });

/** An active warning on the public notice page. */
export const PublicWarning = z.object({
  regionName: z.string(),
  level: z.string(),
  levelName: z.string(),
  responseGrade: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  noticeNumber: z.string(),
  health: z.string(),
  advised: z.string(),
  mandatory: z.string(),
});

export const PublicList = z.object({
  generatedAt: z.number(),
  warnings: z.array(PublicWarning),
  /** True when more warnings are active than the page lists. */
  truncated: z.boolean(),
});
