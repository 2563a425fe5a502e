/** Reading stored device values (device_values): the newest rows of one device. */
import type { Db } from '../store/db.ts';
import { VALUE_BUCKET_MS, valueBucket } from './value-key.ts';
import { DAY_MS } from '../standards/local-date.ts';

/** One stored value row. */
export interface StoredDeviceValue {
  cn: number;
  code: string;
  data_time: number;
  rtd: number | null;
  avg: number | null;
  min: number | null;
  max: number | null;
  zs_rtd: number | null;
  zs_avg: number | null;
  zs_min: number | null;
  zs_max: number | null;
  cou: number | null;
  flag: string | null;
  eflag: string | null;
  extra: string | null;
  received_at: number;
}

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
      .select([
        'cn',
        'code',
        'data_time',
        'rtd',
        'avg',
        'min',
        'max',
        'zs_rtd',
        'zs_avg',
        'zs_min',
        'zs_max',
        'cou',
        'flag',
        'eflag',
        'extra',
        'received_at',
      ])
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
): Promise<
  Array<{
    id: number;
    received_at: number;
    peer: string;
    mn: string | null;
    reason: string;
    st: string | null;
    cn: string | null;
    raw: string;
  }>
> {
  let sel = db.kysely.selectFrom('quarantine').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.mn !== undefined) sel = sel.where('mn', '=', q.mn);
  return sel.execute();
}
