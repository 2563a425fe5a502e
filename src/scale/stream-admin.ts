/**
 * What `lantian stream status|replay` does on NATS: one connection attempt (a command should say
 * at once that NATS is unreachable rather than retry like a node), the stream's and its durable
 * consumers' figures, and the re-creation of a roll-up or alerting consumer from a start time.
 */
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { LantianError } from '../errors.ts';
import type { ConsumerKind } from './consumer-config.ts';
import { readerLimitsOf, recreateFromTime } from './reader-consumer.ts';
import type { ScaleConfig } from './scale-config.ts';
import type { ConsumerFigures, StreamFigures } from './stream-status-text.ts';

/** An open admin connection. */
export interface StreamAdmin {
  readonly jsm: JetStreamManager;
  close(): Promise<void>;
}

/** Connects once (3 s) or throws LT_ERR_STREAM_UNREACHABLE. */
export async function openStreamAdmin(url: string): Promise<StreamAdmin> {
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: url.split(',').map((s) => s.trim()),
      timeout: 3000,
      name: 'lantian-cli',
    });
  } catch (e) {
    throw new LantianError('LT_ERR_STREAM_UNREACHABLE', `${url}：${(e as Error).message}`);
  }
  return { jsm: await jetstreamManager(nc), close: () => nc.close() };
}

async function requireStream(jsm: JetStreamManager, name: string) {
  try {
    return await jsm.streams.info(name);
  } catch {
    throw new LantianError('LT_ERR_STREAM_NOT_FOUND', name);
  }
}

/** The stream and each of its durable consumers. */
export async function streamFigures(
  jsm: JetStreamManager,
  scale: ScaleConfig,
): Promise<{ stream: StreamFigures; consumers: ConsumerFigures[] }> {
  const info = await requireStream(jsm, scale.stream.name);
  const roles = new Map<string, string>([
    [scale.consumer, 'writer'],
    [scale.consumers.durable.rollup, 'rollup'],
    [scale.consumers.durable.alerts, 'alerts'],
  ]);
  const consumers: ConsumerFigures[] = [];
  for await (const c of jsm.consumers.list(scale.stream.name)) {
    consumers.push({
      name: c.name,
      role: roles.get(c.name) ?? null,
      pending: c.num_pending,
      ackPending: c.num_ack_pending,
      ackFloor: c.ack_floor.stream_seq,
      redelivered: c.num_redelivered,
      startTime: c.config.opt_start_time ?? null,
    });
  }
  consumers.sort((a, b) => a.name.localeCompare(b.name));
  const s = info.state;
  return {
    stream: {
      name: scale.stream.name,
      messages: s.messages,
      bytes: s.bytes,
      firstSeq: s.first_seq,
      lastSeq: s.last_seq,
      firstTime: s.messages > 0 ? s.first_ts : null,
      lastTime: s.messages > 0 ? s.last_ts : null,
    },
    consumers,
  };
}

/** Re-creates the consumer of `kind` from `from`; the messages it will process again. */
export async function replayConsumer(
  jsm: JetStreamManager,
  scale: ScaleConfig,
  kind: ConsumerKind,
  from: Date,
): Promise<{ durable: string; pending: number }> {
  await requireStream(jsm, scale.stream.name);
  const durable = scale.consumers.durable[kind];
  const pending = await recreateFromTime(
    jsm,
    scale.stream.name,
    durable,
    from,
    readerLimitsOf(scale.consumers),
  );
  return { durable, pending };
}
