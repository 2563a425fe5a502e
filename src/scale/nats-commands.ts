/**
 * The API side of device commands over NATS (docs/scale.md): `serve --role api` runs no HJ 212
 * listener; a command is a request on `<prefix>.<MN>` answered by the ingest node that holds the
 * device (the command went down its socket; the answer is its log row). No answer in time (no
 * ingest node holds the device, or NATS is down): the command is queued in the store as the CLI
 * does, and the ingest nodes' sweep sends it once the device connects. The log is read from the
 * store.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { Clock } from '../clock.ts';
import type { CommandRow } from '../ingest/commands/command-repo.ts';
import { deviceCommands, queueCommand } from '../ingest/commands/command-service.ts';
import type { Hj212Ingest } from '../ingest/hj212/server.ts';
import type { Db } from '../store/db.ts';
import type { CommandSettings } from './command-config.ts';
import { commandSubject, encodeCommand, isSubjectToken, rowOfReply } from './command-message.ts';

/** What the command routes need of a downlink. */
export type DeviceCommands = Pick<Hj212Ingest, 'command' | 'commands'>;

/** Device commands sent over NATS, falling back to the store's queue. */
export function natsDeviceCommands(
  nc: NatsConnection,
  settings: CommandSettings,
  db: Db,
  clock: Clock,
): DeviceCommands {
  const queue = (
    mn: string,
    name: string,
    params: Readonly<Record<string, string>>,
    actor: string | null,
  ) => queueCommand(db, clock, mn, name, params, actor);
  return {
    async command(mn, name, params, actor): Promise<CommandRow> {
      if (!isSubjectToken(mn)) return queue(mn, name, params, actor);
      let reply;
      try {
        reply = await nc.request(
          commandSubject(settings.prefix, mn),
          encodeCommand({ mn, name, params, actor }),
          { timeout: settings.timeoutMs },
        );
      } catch {
        // No ingest node holds the device (or NATS is unreachable): the store's queue.
        return queue(mn, name, params, actor);
      }
      return rowOfReply(reply.data);
    },
    commands: (mn, limit) => deviceCommands(db, mn, limit),
  };
}
