/** zod shapes of the downlink API. */
import { z } from 'zod';
import { COMMAND_NAMES } from '../../protocols/hj212/index.ts';

/** Body of POST /api/devices/:mn/commands. */
export const CommandBody = z.object({
  command: z
    .string()
    .describe(
      `命令：${COMMAND_NAMES.join(' | ')}（HJ 212-2017 表 9 的 1011/1012/1061–1064/2061/2051/2031）`,
    ),
  params: z
    .record(z.string(), z.string())
    .default({})
    .describe(
      'CP 参数，如 {"RtdInterval":"60"}、{"BeginTime":"20240301000000","EndTime":"20240301050000"}；set-time 不给 SystemTime 时用服务器时间',
    ),
});

/** One command of a device's log. */
export const CommandOut = z.object({
  id: z.number(),
  mn: z.string(),
  cn: z.string(),
  qn: z.string(),
  params: z.record(z.string(), z.string()),
  origin: z.string().describe('operator（人工）| clock（自动校时）| backfill（自动补数）'),
  actor: z.string().nullable(),
  status: z
    .string()
    .describe(
      'queued | sent | accepted（9011 QnRtn=1）| refused | done（9012 ExeRtn=1）| failed | timeout',
    ),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
  answeredAt: z.number().nullable(),
  answer: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  detail: z.string().nullable(),
});
