/**
 * Request and response shapes of the gate operations side (ledgers, statistics, completeness,
 * retention). The dashboard's types come from here (web/src/api/types.ts).
 */
import { z } from 'zod';
import { LEDGER_KINDS } from './rules/ledger-rows.ts';

export const LedgerParams = z.object({
  kind: z
    .enum(LEDGER_KINDS)
    .describe('vehicles 运输车辆、inplant 厂内车辆、machinery 非道路移动机械'),
});

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('北京时间日期 YYYY-MM-DD');
export const PeriodQuery = z.object({ from: day, to: day });

export const LedgerOut = z.object({
  kind: z.enum(LEDGER_KINDS),
  entries: z.array(
    z.object({
      creditCode: z.string(),
      enterprise: z.string(),
      fields: z.record(z.string(), z.string().nullable()),
      origin: z.enum(['manual', 'gate', 'both']),
      passages: z.number(),
      lastSeen: z.number().nullable(),
    }),
  ),
});

export const LedgerImportOut = z.object({
  kind: z.enum(LEDGER_KINDS),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
});

const DayFiguresOut = z.object({
  day: z.string(),
  entries: z.number(),
  exits: z.number(),
  byStage: z.record(z.string(), z.number()),
  lowStageEntries: z.number(),
  lowStageShare: z.number().nullable(),
  manualOpenings: z.number(),
});

export const DailyStatsOut = z.object({
  version: z.string(),
  days: z.array(z.string()),
  enterprises: z.array(
    z.object({
      creditCode: z.string(),
      name: z.string(),
      county: z.string(),
      days: z.array(DayFiguresOut),
    }),
  ),
  counties: z.array(
    z.object({ county: z.string(), name: z.string(), days: z.array(DayFiguresOut) }),
  ),
});

export const CompletenessOut = z.object({
  version: z.string(),
  gates: z.array(
    z.object({
      gateId: z.number(),
      name: z.string(),
      enterprise: z.string(),
      window: z.tuple([z.number(), z.number()]),
      days: z.array(
        z.object({
          day: z.string(),
          seenHours: z.number(),
          expectedHours: z.number(),
          ratio: z.number(),
        }),
      ),
    }),
  ),
});

export const RetentionOut = z.object({
  settings: z.object({ passageDays: z.number(), photoDays: z.number() }),
  minimumDays: z.number(),
  runs: z.array(
    z.object({
      ranAt: z.number(),
      passageCutoff: z.number(),
      photoCutoff: z.number(),
      passagesRemoved: z.number(),
      photoRowsRemoved: z.number(),
      filesRemoved: z.number(),
      bytesRemoved: z.number(),
      passagesHeld: z.number(),
    }),
  ),
});
