/**
 * Quarantined frames in the distributed shape are stored once (issue 14, docs/scale.md "Faults"):
 * - a batch the ingest node publishes again (its first publish timed out) leaves one quarantine
 *   message in the stream (Nats-Msg-Id = a digest of the row), on the NATS the scale tests use;
 * - a quarantine message a writer gets again (redelivered after ack_wait, or twice in one batch)
 *   leaves one quarantine row (msg_key, ON CONFLICT DO NOTHING), on SQLite (through the writer
 *   thread) and on PostgreSQL, while rows of the one-process listener (no key) stay as before.
 */
import { jetstreamManager, jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { storeSink } from '../src/ingest/hj212/sink-factory.ts';
import { IngestBatch } from '../src/ingest/hj212/value-batch.ts';
import {
  appendMessage,
  encodeQuarantine,
  quarantineMessageId,
  type QuarantineMessage,
} from '../src/scale/frame-message.ts';
import { jetStreamSink } from '../src/scale/jetstream-sink.ts';
import { Metrics } from '../src/scale/metrics.ts';
import { scaleConfigFromEnv } from '../src/scale/scale-config.ts';
import { ensureStream } from '../src/scale/stream-setup.ts';
import { dialectsUnderTest, openTestStore } from './support/databases.ts';
import { freshStream, NATS_URL } from './support/scale-nodes.ts';

const RAW = '##0101QN=20240301120000000;ST=22;CN=2011;PW=123456;MN=UNKNOWN01;Flag=5;CP=&&&&1C80';

/** A batch holding one quarantined frame, as the listener makes it. */
function listenerBatch(at: number): IngestBatch {
  const b = new IngestBatch();
  b.addQuarantine(at, '10.0.0.9:50000', 'UNKNOWN01', 'unknown_device', '22', '2011', RAW);
  b.addPacket(at, null, null);
  return b;
}

/** A writer's batch of the given messages, each as it comes out of the stream. */
function writerBatch(...msgs: QuarantineMessage[]): IngestBatch {
  const b = new IngestBatch();
  for (const m of msgs) appendMessage(b, JSON.parse(JSON.stringify(m)) as QuarantineMessage);
  return b;
}

describe('quarantine messages are stored once', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('a re-published batch leaves one quarantine message in the stream', async () => {
    const stream = freshStream();
    const scale = scaleConfigFromEnv({ ...stream, LANTIAN_NATS_URL: NATS_URL });
    const nc = await connect({ servers: NATS_URL.split(','), timeout: 3000 });
    const jsm = await jetstreamManager(nc);
    cleanups.push(async () => {
      await jsm.streams.delete(scale.stream.name).catch(() => undefined);
      await nc.close();
    });
    await ensureStream(jsm, scale.stream);
    const sink = jetStreamSink(jetstream(nc), scale.stream.subjectPrefix, 5000, new Metrics());
    await sink.write(listenerBatch(1_709_265_600_000));
    await sink.write(listenerBatch(1_709_265_600_000));
    expect((await jsm.streams.info(scale.stream.name)).state.messages).toBe(1);
    expect(sink.stats.duplicates).toBe(1);
    // Another arrival of the same bytes (a logger sends it again later) is another message.
    await sink.write(listenerBatch(1_709_265_660_000));
    expect((await jsm.streams.info(scale.stream.name)).state.messages).toBe(2);
  });

  for (const dialect of dialectsUnderTest()) {
    it(`a redelivered quarantine message changes nothing (${dialect})`, async () => {
      const t = await openTestStore(dialect);
      cleanups.push(() => t.cleanup());
      const sink = await storeSink(t.db);
      cleanups.push(async () => sink.close?.());
      const first = encodeQuarantine(listenerBatch(1_709_265_600_000), 0);
      const later = encodeQuarantine(listenerBatch(1_709_265_660_000), 0);
      const rows = () =>
        t.db.kysely
          .selectFrom('quarantine')
          .select(['received_at', 'msg_key'])
          .orderBy('id')
          .execute();

      await sink.write(writerBatch(first));
      // Redelivered alone, then twice in one batch beside a new one.
      await sink.write(writerBatch(first));
      await sink.write(writerBatch(first, later, first));
      expect(await rows()).toEqual([
        { received_at: 1_709_265_600_000, msg_key: quarantineMessageId(first) },
        { received_at: 1_709_265_660_000, msg_key: quarantineMessageId(later) },
      ]);
      expect(quarantineMessageId(first)).not.toBe(quarantineMessageId(later));

      // The one-process listener keys nothing: each write is a row, as before.
      await sink.write(listenerBatch(1_709_265_600_000));
      await sink.write(listenerBatch(1_709_265_600_000));
      expect((await rows()).filter((r) => r.msg_key === null)).toHaveLength(2);
    });
  }
});
