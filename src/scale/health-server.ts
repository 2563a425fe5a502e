/**
 * The operations port of a role: GET /healthz (the process runs), /readyz (it can do its work:
 * NATS connected, and for a writer the last PostgreSQL commit succeeded) and /metrics
 * (Prometheus text). Nothing else; no credentials, no request body is read.
 */
import { createServer, type Server } from 'node:http';
import type { Metrics } from './metrics.ts';

/** A running operations server. */
export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the operations server. `ready` returns null when ready, else why not (Chinese). */
export function startHealthServer(
  host: string,
  port: number,
  role: string,
  metrics: Metrics,
  ready: () => string | null,
): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', '');
    if (path === '/healthz')
      return send(200, 'application/json', JSON.stringify({ role, ok: true }));
    if (path === '/readyz') {
      const why = ready();
      return send(
        why === null ? 200 : 503,
        'application/json; charset=utf-8',
        JSON.stringify({ role, ready: why === null, ...(why === null ? {} : { reason: why }) }),
      );
    }
    if (path === '/metrics') return send(200, 'text/plain; version=0.0.4', metrics.render());
    send(404, 'text/plain', '');
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.maxHeadersCount = 50;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      const a = server.address();
      resolve({
        port: typeof a === 'object' && a !== null ? a.port : port,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
