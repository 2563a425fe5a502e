/**
 * The bookkeeping of open live-passage streams: how many each account holds (at most
 * `perUser`, LT_ERR_GATE_LEDGER_LIVE_BUSY beyond) and a way to end them all when the server stops.
 */
import { LantianError } from '../../errors.ts';

/** An open stream: ends itself when asked. */
interface OpenStream {
  userId: number;
  end(): void;
}

/** The open streams of one application. */
export class LiveStreams {
  private readonly open = new Set<OpenStream>();

  constructor(readonly perUser: number) {}

  /** Registers a stream of `userId`; returns the function that forgets it. */
  add(userId: number, end: () => void): () => void {
    let held = 0;
    for (const s of this.open) if (s.userId === userId) held++;
    if (held >= this.perUser)
      throw new LantianError('LT_ERR_GATE_LEDGER_LIVE_BUSY', `最多 ${this.perUser} 个`);
    const s = { userId, end };
    this.open.add(s);
    return () => this.open.delete(s);
  }

  /** Ends every open stream (server stop). */
  endAll(): void {
    for (const s of [...this.open]) s.end();
    this.open.clear();
  }

  get size(): number {
    return this.open.size;
  }
}
