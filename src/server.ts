/**
 * The running Lantian service: one process with the HTTP API (and, as they land, the device
 * listeners and jobs) over one store. Stops cleanly on SIGINT/SIGTERM.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { openStore, type Db } from './store/db.ts';

/** A started server. */
export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** The address HTTP listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  stop(): Promise<void>;
}

/** Opens the store, builds the app and starts listening. */
export async function startServer(config: Config): Promise<RunningServer> {
  const db = await openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  const app = await buildApp({ db, clock: systemClock, logLevel: config.logLevel });
  try {
    await app.listen({ host: config.httpHost, port: config.httpPort });
  } catch (e) {
    await app.close();
    await db.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.httpPort;
  let stopped = false;
  return {
    app,
    db,
    url: `http://localhost:${port}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await db.close();
    },
  };
}
