/** The command log of devices (device_commands): plain rows in, plain rows out. */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { DeviceCommandTable } from './tables.ts';

/** A stored command. */
export type CommandRow = Selectable<DeviceCommandTable>;

type K = Kysely<DatabaseSchema>;

/** Inserts a command; returns its id. */
export async function insertCommand(
  k: K,
  row: Omit<CommandRow, 'id' | 'answered_at' | 'answer'> & { answer?: string | null },
): Promise<number> {
  const r = await k
    .insertInto('device_commands')
    .values({ ...row, answered_at: null, answer: row.answer ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Changes a command. */
export async function updateCommand(
  k: K,
  id: number,
  set: Updateable<DeviceCommandTable>,
): Promise<void> {
  await k.updateTable('device_commands').set(set).where('id', '=', id).execute();
}

/** A device's commands, newest first. */
export async function listCommands(k: K, mn: string, limit = 50): Promise<CommandRow[]> {
  return k
    .selectFrom('device_commands')
    .selectAll()
    .where('mn', '=', mn)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Commands queued by another process (the CLI), oldest first. */
export async function queuedCommands(k: K, limit = 100): Promise<CommandRow[]> {
  return k
    .selectFrom('device_commands')
    .selectAll()
    .where('status', '=', 'queued')
    .orderBy('id')
    .limit(limit)
    .execute();
}
