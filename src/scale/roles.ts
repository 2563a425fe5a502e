/**
 * The roles of `serve --role` (docs/scale.md): `all` (default; one process, as before: HTTP,
 * HJ 212 into the store, jobs), `ingest` (HJ 212 → JetStream), `writer` (JetStream → store) and
 * `api` (HTTP and jobs; its HJ 212 listener only on 127.0.0.1 at a random port, for the device
 * commands the API sends). With LANTIAN_NATS_URL, `all` and `api` publish their HJ 212 frames to
 * JetStream too, and `all` runs a writer in the same process. `rollup` and `alerts` read the same
 * stream through their own durable consumers (daily roll-up and CEMS projection; alarms).
 */
import { LantianError } from '../errors.ts';
import type { Config } from '../config.ts';
import type { ScaleConfig } from './scale-config.ts';
import { startIngestRole } from './ingest-role.ts';
import { startWriterRole } from './writer-role.ts';
import { startRollupRole } from './rollup-role.ts';
import { startAlertsRole } from './alerts-role.ts';
import type { RunningRole } from './running-role.ts';
import type { NatsConnection } from '@nats-io/transport-node';
import type { IngestLog } from '../ingest/hj212/ingest-log.ts';
import type { IngestSink } from '../ingest/hj212/ingest-sink.ts';
import { jetStreamSink } from './jetstream-sink.ts';
import { Metrics } from './metrics.ts';
import { openNatsSession } from './nats-session.ts';

/** The roles. */
export const ROLES = ['all', 'ingest', 'writer', 'api', 'rollup', 'alerts'] as const;
export type Role = (typeof ROLES)[number];

/** The role of a --role value. */
export function parseRole(s: string): Role {
  if ((ROLES as readonly string[]).includes(s)) return s as Role;
  throw new LantianError('LT_ERR_SCALE_BAD_ROLE', s);
}

/** The NATS URL a role needs, or the catalogue error. */
export function requireNats(role: Role, scale: ScaleConfig): string {
  if (scale.natsUrl === undefined)
    throw new LantianError('LT_ERR_SCALE_NEEDS_NATS', `--role ${role}`);
  return scale.natsUrl;
}

/** The roles that run without HTTP, each on NATS. */
export type NodeRole = Exclude<Role, 'all' | 'api'>;

/**
 * Starts an ingest, writer, roll-up or alerting role; `extra`: more metrics the writer's
 * /metrics shows (role `all`).
 */
export function startNodeRole(
  role: NodeRole,
  config: Config,
  scale: ScaleConfig,
  say: (line: string) => void,
  extra?: Metrics,
): Promise<RunningRole> {
  const url = requireNats(role, scale);
  if (role === 'rollup') return startRollupRole(config, scale, url, say);
  if (role === 'alerts') return startAlertsRole(config, scale, url, say);
  return role === 'ingest'
    ? startIngestRole(config, scale, url, say)
    : startWriterRole(config, scale, url, say, extra);
}

/** A JetStream sink for the one-process shapes (`all` and `api` with LANTIAN_NATS_URL). */
export async function openServerSink(
  scale: ScaleConfig,
  url: string,
  log: IngestLog,
): Promise<{ sink: IngestSink; nc: NatsConnection; metrics: Metrics; close(): Promise<void> }> {
  const metrics = new Metrics();
  const session = await openNatsSession(url, 'lantian-server', scale, log, metrics, () => false);
  const sink = jetStreamSink(
    session.js,
    scale.stream.subjectPrefix,
    scale.publishTimeoutMs,
    metrics,
  );
  return { sink, nc: session.nc, metrics, close: () => session.close() };
}
