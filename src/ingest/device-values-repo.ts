/** Reading stored device values (device_values): the newest rows of one device. */
import type { Selectable } from 'kysely';
import type { Db } from '../store/db.ts';
import type { DeviceValueTable, QuarantineTable } from './tables.ts';
import { VALUE_COLUMNS } from './value-columns.ts';
import { VALUE_BUCKET_MS, valueBucket } from './value-key.ts';
import { DAY_MS } from '../standards/local-date.ts';

/** One stored value row (without its minute bucket and device). */
export type StoredDeviceValue = Omit<Selectable<DeviceValueTable>, 'minute' | 'device_id'>;

/** One quarantined packet. */
export type QuarantinedPacket = Omit<Selectable<QuarantineTable>, 'msg_key'>;

/**
 * The newest `limit` rows of a device, newest DataTime first, looking back at most `days` days
 * from `fromMs`: one query per day listing that day's minute buckets, each bucket one seek on
 * the (minute, device_id, …) key (value-key.ts).
 */
export async function recentDeviceValues(
  db: Db,
  deviceId: number,
  fromMs: number,
  limit: number,
  days = 31,
): Promise<StoredDeviceValue[]> {
  const out: StoredDeviceValue[] = [];
  const last = valueBucket(fromMs);
  const perDay = DAY_MS / VALUE_BUCKET_MS;
  for (let d = 0; d < days && out.length < limit; d++) {
    const minutes: number[] = [];
    for (let m = last - d * perDay; m > last - (d + 1) * perDay; m--) minutes.push(m);
    const rows = await db.kysely
      .selectFrom('device_values')
      .select(['cn', 'code', 'data_time', ...VALUE_COLUMNS, 'received_at'])
      .where('minute', 'in', minutes)
      .where('device_id', '=', deviceId)
      .orderBy('data_time', 'desc')
      .orderBy('cn')
      .orderBy('code')
      .limit(limit - out.length)
      .execute();
    out.push(...rows);
  }
  return out;
}

/** Quarantined packets, newest first. */
export async function listQuarantine(
  db: Db,
  q: { mn?: string | undefined; limit: number },
): Promise<QuarantinedPacket[]> {
  let sel = db.kysely
    .selectFrom('quarantine')
    .select(['id', 'received_at', 'peer', 'mn', 'reason', 'st', 'cn', 'raw'])
    .orderBy('id', 'desc')
    .limit(q.limit);
  if (q.mn !== undefined) sel = sel.where('mn', '=', q.mn);
  return sel.execute();
}
