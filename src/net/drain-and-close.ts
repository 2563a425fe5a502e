/**
 * How a device listener stops (HJ 212 in ingest/hj212/server.ts, GB 17691 in
 * trucks/listener/server.ts): no new connections and no more reading, then what was received is
 * committed and answered (the queue drains, for at most `drainMs`), then every connection is ended
 * and, one second later, destroyed if its peer has not closed it.
 */
import type { Server, Socket } from 'node:net';

/** What the stop needs of a connection. */
interface PausableConnection {
  pause(): void;
  readonly socket: Socket;
}

/** What the stop needs of the listener's write queue. */
interface DrainableQueue {
  drain(): Promise<void>;
  stop(): void;
}

/** Stops `server` after its queue has committed what the connections sent. */
export async function drainAndClose(
  server: Server,
  connections: Iterable<PausableConnection>,
  queue: DrainableQueue,
  drainMs = 10_000,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const c of connections) c.pause();
  // Commit and acknowledge what was received; give up after drainMs (unacked data may be lost).
  let timeout: NodeJS.Timeout | undefined;
  await Promise.race([queue.drain(), new Promise<void>((r) => (timeout = setTimeout(r, drainMs)))]);
  clearTimeout(timeout);
  queue.stop();
  for (const c of connections) c.socket.end();
  const grace = setTimeout(() => {
    for (const c of connections) c.socket.destroy();
  }, 1000);
  await closed;
  clearTimeout(grace);
}
