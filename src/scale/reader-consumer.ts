/**
 * The durable pull consumers of the roll-up and alerting roles (docs/scale.md, "Roll-up and
 * alerting consumers"): each its own, beside the writers' one, so each reads the whole stream at
 * its own pace. Created at a role's first start at the stream's new messages; never updated by a
 * role (a replay set its start time, which a start must not undo). `lantian stream replay`
 * deletes and re-creates one with deliver policy "by start time", so that the role processes
 * again every message the stream still holds from that time on.
 */
import { AckPolicy, DeliverPolicy, type JetStreamManager } from '@nats-io/jetstream';
import type { ConsumerSettings } from './consumer-config.ts';

const NS_PER_S = 1_000_000_000;

/** JetStream's error code of an unknown consumer. */
const CONSUMER_NOT_FOUND = 10014;

function isNotFound(e: unknown): boolean {
  const api = (e as { api_error?: { err_code?: number } }).api_error;
  return api?.err_code === CONSUMER_NOT_FOUND || /consumer not found/i.test(String(e));
}

/** How a reader consumer acknowledges. */
export interface ReaderLimits {
  ackWaitS: number;
  maxAckPending: number;
}

/** The limits of the settings: twice a batch may be out unacknowledged. */
export function readerLimitsOf(s: ConsumerSettings): ReaderLimits {
  return { ackWaitS: s.ackWaitS, maxAckPending: s.batch * 2 };
}

function readerConfig(durable: string, limits: ReaderLimits) {
  return {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    ack_wait: limits.ackWaitS * NS_PER_S,
    max_ack_pending: limits.maxAckPending,
    max_deliver: -1,
  };
}

/** Creates the consumer at the stream's new messages when it does not exist; true if created. */
export async function ensureReaderConsumer(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  limits: ReaderLimits,
): Promise<boolean> {
  try {
    await jsm.consumers.info(stream, durable);
    return false;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  await jsm.consumers.add(stream, {
    ...readerConfig(durable, limits),
    deliver_policy: DeliverPolicy.New,
  });
  return true;
}

/** Re-creates the consumer to deliver every message from `from` on; its pending count. */
export async function recreateFromTime(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  from: Date,
  limits: ReaderLimits,
): Promise<number> {
  try {
    await jsm.consumers.delete(stream, durable);
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const info = await jsm.consumers.add(stream, {
    ...readerConfig(durable, limits),
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: from.toISOString(),
  });
  return info.num_pending;
}

/**
 * The stream sequence up to which a consumer acknowledged every message (its ack floor); 0 when
 * it does not exist. Writers acknowledge only after COMMIT, so every message at or below the
 * writers' floor is in the store.
 */
export async function ackFloor(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
): Promise<number> {
  try {
    return (await jsm.consumers.info(stream, durable)).ack_floor.stream_seq;
  } catch (e) {
    if (isNotFound(e)) return 0;
    throw e;
  }
}
