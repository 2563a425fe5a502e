/**
 * The truck part of a writer node (`serve --role writer` with LANTIAN_TRUCKS_LISTEN on): the OBD
 * stream and its durable consumer (created or updated), the raw-frame archive of this node
 * (LANTIAN_TRUCKS_ARCHIVE_DIR, with its daily retention job) and the loop that stores the
 * stream into the archive and the database (obd-stream-writer.ts). The archive directory belongs
 * to one process: run one truck-consuming writer per archive directory (docs/scale.md).
 */
import { pino } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../store/db.ts';
import { startTruckArchive } from '../trucks/archive-job.ts';
import { writeBatch, type TruckWrite } from '../trucks/batch-repo.ts';
import type { Metrics } from './metrics.ts';
import { withRetry } from './nats-connect.ts';
import type { NatsSession } from './nats-session.ts';
import { startObdStreamWriter } from './obd-stream-writer.ts';
import type { ScaleConfig } from './scale-config.ts';
import { ensureConsumer, ensureStream } from './stream-setup.ts';

/** A running truck writer. */
export interface ObdWriterNode {
  readonly storeOk: () => boolean;
  stop(): Promise<void>;
}

/** Starts the truck writer of a writer node. */
export async function startObdWriter(
  config: Config,
  scale: ScaleConfig,
  session: NatsSession,
  db: Db,
  metrics: Metrics,
  stopped: () => boolean,
): Promise<ObdWriterNode> {
  const log = pino({ level: config.logLevel, name: 'trucks-writer' });
  const stream = scale.obdStream;
  await withRetry(
    `创建或更新重型车流 ${stream.name} 与持久消费者 ${scale.obdConsumer}`,
    async () => {
      await ensureStream(session.jsm, stream);
      await ensureConsumer(
        session.jsm,
        stream.name,
        scale.obdConsumer,
        scale.ackWaitS,
        scale.maxAckPending,
      );
    },
    log,
    stopped,
  );
  const consumer = await session.js.consumers.get(stream.name, scale.obdConsumer);
  const archive = await startTruckArchive(config.trucks, config.sqlitePath, log);
  const movingKmh = config.trucks.rules.movingKmh;
  const writer = startObdStreamWriter({
    consumer,
    archive: archive.archive,
    writeDb: (writes: readonly TruckWrite[], now: number) => writeBatch(db, writes, now, movingKmh),
    batchSize: scale.writerBatch,
    log,
    metrics,
    now: () => Date.now(),
  });
  log.info(
    { stream: stream.name, consumer: scale.obdConsumer, archive: archive.dir },
    '重型车写入已启动',
  );
  return {
    storeOk: () => writer.storeOk,
    async stop() {
      await writer.stop();
      await archive.stop();
    },
  };
}
