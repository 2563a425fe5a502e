/**
 * The JetStream stream of HJ 212 frames and the writers' durable pull consumer, created at start
 * or brought up to the configured limits (scale-config.ts). File storage: a publish ack means the
 * server wrote the message to its store (docs/scale.md, "What an ack means").
 */
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { StreamSettings } from './scale-config.ts';

const NS_PER_S = 1_000_000_000;

/** The stream configuration of the settings. */
export function streamConfig(s: StreamSettings): Partial<StreamConfig> & { name: string } {
  return {
    name: s.name,
    subjects: [`${s.subjectPrefix}.>`],
    storage: StorageType.File,
    max_age: s.maxAgeS * NS_PER_S,
    max_bytes: s.maxBytes,
    discard: s.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    num_replicas: s.replicas,
    duplicate_window: s.duplicateWindowS * NS_PER_S,
  };
}

/** Creates the stream, or updates it when it exists. */
export async function ensureStream(jsm: JetStreamManager, s: StreamSettings): Promise<void> {
  const cfg = streamConfig(s);
  try {
    await jsm.streams.info(s.name);
  } catch {
    await jsm.streams.add(cfg);
    return;
  }
  const { name, storage: _storage, ...update } = cfg;
  await jsm.streams.update(name, update);
}

/** Creates (or updates) the durable pull consumer the writers share. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  ackWaitS: number,
  maxAckPending: number,
): Promise<void> {
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ackWaitS * NS_PER_S,
    max_ack_pending: maxAckPending,
    max_deliver: -1,
  });
}
