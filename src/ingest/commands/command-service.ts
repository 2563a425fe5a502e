/**
 * Downlink commands from outside the listener's process (CLI, or the API when no listener runs):
 * checked, then queued in device_commands; the running listener sends queued commands within
 * 5 s of seeing them (when the device is connected) — Downlink.sweep().
 */
import type { Clock } from '../../clock.ts';
import { findDevice } from '../../devices/device-repo.ts';
import { LantianError } from '../../errors.ts';
import { COMMANDS, formatQn } from '../../protocols/hj212/index.ts';
import type { Db } from '../../store/db.ts';
import { checkCommand } from './command-params.ts';
import { insertCommand, listCommands, type CommandRow } from './command-repo.ts';

/** Queues a command for a device; returns its log row (status 'queued'). */
export async function queueCommand(
  db: Db,
  clock: Clock,
  mn: string,
  name: string,
  params: Readonly<Record<string, string>>,
  actor: string | null,
): Promise<CommandRow> {
  const dev = await findDevice(db.kysely, mn);
  if (!dev) throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', mn);
  const now = clock.now();
  const c = checkCommand(name, params, now, dev.time_zone);
  const id = await insertCommand(db.kysely, {
    device_id: dev.id,
    mn: dev.mn,
    cn: COMMANDS[c.name].cn,
    qn: formatQn(now, dev.time_zone),
    params: JSON.stringify(Object.fromEntries(c.params)),
    origin: 'operator',
    actor,
    status: 'queued',
    created_at: now,
    sent_at: null,
    detail: '已排队，由接入服务在设备在线时发送',
  });
  return (await listCommands(db.kysely, mn, 200)).find((r) => r.id === id)!;
}

/** A device's command log, newest first. */
export async function deviceCommands(db: Db, mn: string, limit = 50): Promise<CommandRow[]> {
  return listCommands(db.kysely, mn, limit);
}
