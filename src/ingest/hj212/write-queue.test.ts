import { describe, expect, it } from 'vitest';
import type { IngestSink, SinkResult } from './ingest-sink.ts';
import type { AckTarget, IngestBatch } from './value-batch.ts';
import { WriteQueue } from './write-queue.ts';

const opts = { maxBatchPackets: 1000, commitDelayMs: 1, highWater: 3, lowWater: 1 };

/** A sink whose writes wait for release() and record what committed. */
function gatedSink() {
  const committed: number[] = [];
  let open: (() => void) | null = null;
  let failNext = 0;
  const sink: IngestSink = {
    async write(b: IngestBatch): Promise<SinkResult> {
      await new Promise<void>((r) => (open = r));
      if (failNext > 0) {
        failNext--;
        throw new Error('disk full');
      }
      committed.push(b.packets);
      return { changed: [] };
    },
  };
  return {
    sink,
    committed,
    release: () => open?.(),
    failOnce: () => void (failNext = 1),
  };
}

function target(log: string[], name: string): AckTarget {
  return {
    writeAck: (f) => log.push(`${name}:${f.toString()}`),
    flushAcks: () => log.push(`${name}:flush`),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('group commit queue', () => {
  it('writes acks only after the sink resolved, in packet order, and signals pressure', async () => {
    const g = gatedSink();
    const log: string[] = [];
    const pressure: boolean[] = [];
    const q = new WriteQueue(
      g.sink,
      opts,
      { committed: () => undefined, pressure: (on) => pressure.push(on), failed: () => undefined },
      () => Date.now(),
    );
    const a = target(log, 'a');
    const b = target(log, 'b');
    q.filling.addPacket(Date.now(), a, Buffer.from('1'));
    q.filling.addPacket(Date.now(), b, Buffer.from('2'));
    q.filling.addPacket(Date.now(), a, Buffer.from('3'));
    q.added();
    expect(pressure).toEqual([true]);
    await tick();
    expect(q.inFlight).toBe(3);
    expect(log).toEqual([]); // not committed yet: no ack
    q.filling.addPacket(Date.now(), b, Buffer.from('4'));
    q.added();
    g.release();
    await tick();
    expect(log.slice(0, 5)).toEqual(['a:1', 'b:2', 'a:3', 'a:flush', 'b:flush']);
    expect(pressure).toEqual([true]); // 1 packet still queued: not below the low-water mark of 1
    g.release();
    await q.drain();
    expect(pressure).toEqual([true, false]);
    expect(log).toContain('b:4');
    expect(g.committed).toEqual([3, 1]);
  });

  it('retries a failed write without acknowledging or losing its packets', async () => {
    const g = gatedSink();
    const log: string[] = [];
    const failures: number[] = [];
    const q = new WriteQueue(
      g.sink,
      opts,
      {
        committed: () => undefined,
        pressure: () => undefined,
        failed: (_e, n) => failures.push(n),
      },
      () => Date.now(),
    );
    g.failOnce();
    q.filling.addPacket(Date.now(), target(log, 'a'), Buffer.from('1'));
    q.added();
    await tick();
    g.release(); // fails
    await tick();
    expect(failures).toEqual([1]);
    expect(log).toEqual([]);
    await new Promise((r) => setTimeout(r, 150));
    g.release(); // retry succeeds
    await q.drain();
    expect(log).toEqual(['a:1', 'a:flush']);
    expect(q.failures).toBe(1);
    expect(q.lastError).toBe('disk full');
  });
});
