/**
 * Disk floods without credentials (issue 15): unknown-MN (a fresh MN every frame, so nothing
 * keyed by MN can throttle it) and wrong-password floods from several addresses, in quarantine
 * mode, while a registered logger keeps getting its acks. The raw archive, the quarantine table
 * and the log must stay under stated bounds; every refused frame is still counted, and the
 * status shows what was sampled out and dropped by a cap. Real sockets, real files, real database.
 */
import { connect } from 'node:net';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import type { IngestLog } from '../src/ingest/hj212/ingest-log.ts';
import { startHj212Ingest, type Hj212Ingest } from '../src/ingest/hj212/server.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { frame, MN_CEMS, seedDevices, sleep, T0, TestClient, upload } from './ingest-support.ts';

const MINUTE = 60_000;
const KIB = 1024;
/** The caps of this test (small, so that a few seconds of flood exceed them many times). */
const REJECTED_BYTES_PER_HOUR = 256 * KIB;
const QUARANTINE_ROWS = 200;
const FLOOD_MS = 4000;

/** Total size of the files under a directory. */
function du(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? du(p) : statSync(p).size;
  }
  return n;
}

/** A logger that measures what would be written: lines and bytes. */
function measuringLog(): IngestLog & { lines: number; bytes: number } {
  const m = { lines: 0, bytes: 0 };
  const w = (obj: object, msg?: string) => {
    m.lines++;
    m.bytes += JSON.stringify({ ...obj, msg }).length + 1;
  };
  return Object.assign(m, { debug: w, info: w, warn: w, error: w });
}

/**
 * Writes a pool of frames from `address` over and over, as fast as the socket takes them, until
 * `until`; returns the frames written. The pool is built once so that the flood costs this
 * process (which also runs the listener) as little as possible.
 */
async function flood(
  port: number,
  address: string,
  until: number,
  make: (i: number) => Buffer,
): Promise<number> {
  const POOL = 2000;
  const pool = Buffer.concat(Array.from({ length: POOL }, (_, i) => make(i)));
  const s = connect({ host: '127.0.0.1', port, localAddress: address });
  s.on('error', () => undefined);
  await new Promise((r) => s.once('connect', r));
  let n = 0;
  while (Date.now() < until && !s.destroyed) {
    await new Promise<void>((r) => s.write(pool, () => r()));
    n += POOL;
  }
  s.end();
  return n;
}

describe.each(dialectsUnderTest())('HJ 212 floods without credentials on %s', (dialect) => {
  let t: TestStore;
  let dir: string;
  let ingest: Hj212Ingest | undefined;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
    dir = mkdtempSync(join(tmpdir(), 'lantian-flood-'));
  });
  afterAll(async () => {
    await ingest?.stop();
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the archive, the quarantine and the log bounded while a registered logger is acknowledged', async () => {
    const log = measuringLog();
    const running = await startHj212Ingest(
      { db: t.db, clock: systemClock, log },
      {
        host: '127.0.0.1',
        port: 0,
        commitDelayMs: 2,
        unknownDevice: 'quarantine',
        archive: { dir, retentionDays: 30, rejectedBytesPerHour: REJECTED_BYTES_PER_HOUR },
        archiveSample: { perAddressPerMinute: 1000, perSecond: 300 },
        quarantineSample: { perAddressPerMinute: 300, perSecond: 1000 },
        quarantine: { maxRows: QUARANTINE_ROWS, retentionDays: 30, pruneMs: 300 },
        refusalLogMs: 500,
      },
    );
    ingest = running;
    const logger = await TestClient.open(running.port);
    let sent = 0;
    const send = () =>
      logger.write(
        frame(
          upload(
            MN_CEMS,
            '2051',
            T0 + 200_000 * MINUTE + sent * MINUTE,
            { a21026: { Avg: sent++ } },
            { st: '31' },
          ),
        ),
      );

    const codes = {
      a34004: { Avg: 35, Flag: 'N' },
      a34002: { Avg: 80, Flag: 'N' },
      a21026: { Avg: 9, Flag: 'N' },
    };
    const unknown = (tag: string) => (i: number) =>
      frame(upload(`FF${tag}${String(i).padStart(20, '0')}`, '2061', T0, codes));
    const wrongPw = (i: number) =>
      frame(
        upload(MN_CEMS, '2051', T0 + i * MINUTE, { a21026: { Avg: i } }, { st: '31', pw: `x${i}` }),
      );
    const until = Date.now() + FLOOD_MS;
    const floods = Promise.all([
      flood(running.port, '127.0.0.2', until, unknown('02')),
      flood(running.port, '127.0.0.3', until, unknown('03')),
      flood(running.port, '127.0.0.4', until, unknown('04')),
      flood(running.port, '127.0.0.5', until, wrongPw),
    ]);
    let slowest = 0;
    while (Date.now() < until) {
      const at = Date.now();
      await send();
      await logger.waitFor(sent, 10_000);
      slowest = Math.max(slowest, Date.now() - at);
      await sleep(50);
    }
    const flooded = (await floods).reduce((a, b) => a + b, 0);
    // The listener reads what the kernel buffered at its own pace.
    const settled = Date.now() + 30_000;
    while (running.status().totals.rejected < flooded && Date.now() < settled) await sleep(100);
    await running.drain();
    const s = running.status();
    await running.stop(); // flushes the archive, prunes the quarantine, writes the last log line
    ingest = undefined;

    // The logger was acknowledged throughout.
    expect(logger.received).toHaveLength(sent);
    expect(slowest).toBeLessThan(10_000);
    // Every refused frame is counted.
    expect(flooded).toBeGreaterThan(20_000);
    expect(s.totals.rejected).toBe(flooded);
    // Archive: the logger's lines plus at most the rejected budget (twice if the hour turned).
    const archived = du(dir);
    expect(archived).toBeLessThan(2 * REJECTED_BYTES_PER_HOUR + sent * 1024);
    expect(s.archive.sampledOut).toBeGreaterThan(0);
    expect(s.archive.droppedByCap).toBeGreaterThan(0);
    // Quarantine: at most its row cap after pruning.
    const rows = Number(
      (
        await t.db.kysely
          .selectFrom('quarantine')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(rows).toBeLessThanOrEqual(QUARANTINE_ROWS);
    expect(rows).toBeGreaterThan(0);
    expect(s.quarantine.sampledOut).toBeGreaterThan(0);
    expect(s.quarantine.pruned).toBeGreaterThan(0);
    // Log: a line of counts per 500 ms (plus the start, stop and one line per registered device
    // and reason), not a line per frame.
    expect(log.lines).toBeLessThan(FLOOD_MS / 500 + 20);
    expect(log.bytes).toBeLessThan(64 * KIB);
    expect(s.refusalLog.lines).toBeGreaterThan(0);
    logger.close();
  });
});
