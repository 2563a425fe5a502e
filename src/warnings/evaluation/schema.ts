/** zod shapes of the evaluation of an episode (GET /api/warnings/episodes/:id/evaluation). */
import { z } from 'zod';

const n = z.number().nullable();
const Level = z.enum(['yellow', 'orange', 'red']);

/** What was owed and achieved for one pollutant, kg over the days (kg/day × days). */
const Reduction = z.object({
  pollutant: z.string(),
  owedKg: z.number(),
  measuredEnterprises: z.number(),
  measuredBaselineKg: z.number(),
  measuredOwedKg: z.number(),
  achievedKg: z.number(),
  achievedPctOfOwed: n,
  achievedPctOfBaseline: n,
});

/** The evaluation of an episode. */
export const EpisodeEvaluation = z.object({
  edition: z.string().describe('评估规则版本'),
  episode: z.object({
    id: z.number(),
    region: z.string(),
    regionName: z.string().nullable(),
    level: z.string(),
    peakLevel: z.string(),
    status: z.string(),
    fromDate: z.string(),
    toDate: z.string().nullable(),
    liftedOn: z.string().nullable(),
    lastDay: z.string().describe('评估截止日'),
  }),
  forecastVersionId: n,
  days: z.array(
    z.object({
      date: z.string(),
      level: Level.nullable(),
      forecastAqi: n,
      forecastLow: n,
      observedAqi: n,
      category: z.string().nullable(),
      color: z.string().nullable(),
      error: n.describe('实测 − 预报'),
      hit: z.boolean().nullable(),
    }),
  ),
  peaks: z.object({
    forecast: z.object({ date: z.string(), aqi: z.number() }).nullable(),
    observed: z.object({ date: z.string(), aqi: z.number() }).nullable(),
  }),
  daysAtLevel: z.object({ yellow: z.number(), orange: z.number(), red: z.number() }),
  daysByCategory: z.record(z.string(), z.number()),
  enterprisesListed: z.number(),
  reductions: z.array(Reduction).describe('各污染物应减与实减（千克，逐日按当日级别清单累计）'),
  reductionsByLevel: z
    .array(
      z.object({
        level: Level,
        days: z.number().describe('该级别的完整日数'),
        enterprisesListed: z.number(),
        reductions: z.array(Reduction),
      }),
    )
    .describe('按预警级别分列的减排量'),
  failed: z.array(
    z.object({
      enterpriseId: z.number(),
      creditCode: z.string(),
      name: z.string(),
      county: z.string(),
      violations: z.number(),
      kinds: z.array(z.string()),
      open: z.number().describe('未办结数'),
    }),
  ),
  notes: z.array(z.string()),
});
