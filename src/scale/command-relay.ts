/**
 * The ingest side of device commands over NATS (docs/scale.md): every ingest node subscribes to
 * `<prefix>.*`; the node that holds the device's connection sends the command down the socket
 * (the downlink logs it in device_commands as always) and answers with the log row. Nodes that do
 * not hold the device stay silent, so the API node's request times out when no node holds it and
 * the API queues the command in the store instead (sent by the sweep when the device connects).
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Hj212Ingest } from '../ingest/hj212/server.ts';
import type { IngestLog } from '../ingest/hj212/ingest-log.ts';
import type { CommandSettings } from './command-config.ts';
import { decodeRequest, encodeCommand, errorReply, mnOfSubject } from './command-message.ts';

/** A running relay. */
export interface CommandRelay {
  close(): Promise<void>;
}

/** Subscribes an ingest node to the command subjects. */
export function startCommandRelay(
  nc: NatsConnection,
  settings: CommandSettings,
  ingest: Pick<Hj212Ingest, 'command' | 'holds'>,
  log: IngestLog,
): CommandRelay {
  const sub: Subscription = nc.subscribe(`${settings.prefix}.*`, {
    callback: (err, msg) => {
      if (err) return void log.error({ err: err.message }, 'NATS 命令订阅出错');
      const mn = mnOfSubject(settings.prefix, msg.subject);
      if (mn === undefined || !ingest.holds(mn)) return;
      const req = decodeRequest(msg.data);
      if (req === undefined || req.mn !== mn) return;
      ingest.command(mn, req.name, req.params, req.actor).then(
        (row) => msg.respond(encodeCommand({ row })),
        (e: unknown) => msg.respond(encodeCommand(errorReply(e))),
      );
    },
  });
  return {
    async close() {
      sub.unsubscribe();
      await sub.closed.catch(() => undefined);
    },
  };
}
