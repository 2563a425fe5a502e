/**
 * `lantian stream status` (the JetStream stream and each durable consumer's lag) and
 * `lantian stream replay --consumer rollup|alerts --from <time>` (re-creates that consumer so that
 * the next run of its role processes again every message the stream holds from then on;
 * docs/scale.md, "Roll-up and alerting consumers").
 */
import type { Command } from 'commander';
import { LantianError } from '../../errors.ts';
import { CONSUMER_KINDS, type ConsumerKind } from '../../scale/consumer-config.ts';
import { replayStart } from '../../scale/replay-start.ts';
import { scaleConfigFromEnv, type ScaleConfig } from '../../scale/scale-config.ts';
import {
  openStreamAdmin,
  replayConsumer,
  streamFigures,
  type StreamAdmin,
} from '../../scale/stream-admin.ts';
import { lagOf, streamStatusLines } from '../../scale/stream-status-text.ts';

async function withAdmin<T>(fn: (a: StreamAdmin, scale: ScaleConfig) => Promise<T>): Promise<T> {
  const scale = scaleConfigFromEnv(process.env);
  if (scale.natsUrl === undefined)
    throw new LantianError('LT_ERR_SCALE_NEEDS_NATS', 'lantian stream');
  const admin = await openStreamAdmin(scale.natsUrl);
  try {
    return await fn(admin, scale);
  } finally {
    await admin.close();
  }
}

function consumerKind(s: string): ConsumerKind {
  if ((CONSUMER_KINDS as readonly string[]).includes(s)) return s as ConsumerKind;
  throw new LantianError('LT_ERR_STREAM_BAD_CONSUMER', s);
}

/** Registers the stream command. */
export function registerStreamCommands(program: Command): void {
  const stream = program
    .command('stream')
    .description('NATS JetStream 流：积压状态，汇总与告警消费者从某一时刻重放');
  stream
    .command('status')
    .description('显示流（LANTIAN_NATS_STREAM）与每个持久消费者的积压')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) => {
      await withAdmin(async (a, scale) => {
        const f = await streamFigures(a.jsm, scale);
        if (o.json) {
          const consumers = f.consumers.map((c) => ({ ...c, lag: lagOf(c) }));
          process.stdout.write(`${JSON.stringify({ stream: f.stream, consumers })}\n`);
        } else process.stdout.write(`${streamStatusLines(f.stream, f.consumers).join('\n')}\n`);
      });
    });
  stream
    .command('replay')
    .description(
      '重建 rollup 或 alerts 的持久消费者，使该角色下次运行时从指定时刻起重新处理流中的消息',
    )
    .requiredOption('--consumer <名称>', 'rollup（日统计与 CEMS 小时投影）| alerts（污染源告警）')
    .requiredOption('--from <时间>', '带时区的 ISO 8601 时间，如 2026-12-01T00:00:00+08:00')
    .action(async (o: { consumer: string; from: string }) => {
      const kind = consumerKind(o.consumer);
      const from = replayStart(o.from, Date.now());
      await withAdmin(async (a, scale) => {
        const r = await replayConsumer(a.jsm, scale, kind, from);
        process.stdout.write(
          `已重建持久消费者 ${r.durable}：自 ${from.toISOString()} 起流中有 ${r.pending} 条消息待重新处理；` +
            `serve --role ${kind} 下次取消息时开始（重新处理是幂等的，不会重复写入或重复告警）\n`,
        );
      });
    });
}
