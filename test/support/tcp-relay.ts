/**
 * A TCP relay on 127.0.0.1 (random port) in front of one target, that a test can cut and restore:
 * `cut()` destroys every relayed connection and closes the listening socket, so new connections
 * are refused (ECONNREFUSED), as when the target's host is unreachable; `restore()` listens again
 * on the same port. Used to take PostgreSQL away from one process only (test/scale-pg-down.test.ts).
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A running relay. */
export interface TcpRelay {
  readonly port: number;
  /** Connections relayed since the start. */
  readonly accepted: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
}

/** Starts a relay to `host:port`. */
export async function startTcpRelay(host: string, targetPort: number): Promise<TcpRelay> {
  const open = new Set<Socket>();
  let accepted = 0;
  const relay = (client: Socket): void => {
    accepted++;
    const upstream = createConnection({ host, port: targetPort });
    open.add(client);
    open.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  };
  let server = createServer(relay);
  const port = await listen(server, 0);
  const closeServer = (s: Server): Promise<void> => new Promise((r) => s.close(() => r()));
  return {
    port,
    get accepted() {
      return accepted;
    },
    async cut() {
      const closed = closeServer(server);
      for (const s of open) s.destroy();
      open.clear();
      await closed;
    },
    async restore() {
      server = createServer(relay);
      await listen(server, port);
    },
    async close() {
      for (const s of open) s.destroy();
      open.clear();
      if (server.listening) await closeServer(server);
    },
  };
}
