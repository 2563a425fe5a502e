/**
 * What the power projector reads and keeps: the meters mapped to HJ 212 loggers, the loggers'
 * stored values (device_values, owned by ingest; read here by their key, never written), and the
 * projector's watermark.
 */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';

type K = Kysely<DatabaseSchema>;

/** A meter fed by a logger: the device's id and the code it sends power under. */
export interface MappedMeter {
  meter_id: number;
  device_id: number;
  device_code: string;
  factor: number;
}

/** A device value that may carry power. */
export interface PowerValue {
  device_id: number;
  code: string;
  cn: number;
  data_time: number;
  rtd: number | null;
  avg: number | null;
  received_at: number;
}

/** Meters whose logger is registered. */
export async function mappedMeters(k: K): Promise<MappedMeter[]> {
  return k
    .selectFrom('power_meters as m')
    .innerJoin('devices as d', 'd.mn', 'm.device_mn')
    .select(['m.id as meter_id', 'd.id as device_id', 'm.factor'])
    .select((eb) => eb.fn.coalesce('m.device_code', eb.val('')).as('device_code'))
    .where('m.device_code', 'is not', null)
    .execute();
}

/** Upload CNs whose values are power samples: real-time 2011, minute 2051, hourly 2061. */
const SAMPLE_CNS = [2011, 2051, 2061];

/**
 * Values of some devices and codes in the given minute buckets (the device_values key is
 * (minute, device_id, …): one seek per bucket and device), received after `receivedAfter`.
 */
export async function powerValues(
  k: K,
  minutes: readonly number[],
  deviceIds: readonly number[],
  codes: readonly string[],
  receivedAfter: number,
): Promise<PowerValue[]> {
  if (minutes.length === 0 || deviceIds.length === 0) return [];
  return k
    .selectFrom('device_values')
    .select(['device_id', 'code', 'cn', 'data_time', 'rtd', 'avg', 'received_at'])
    .where('minute', 'in', [...minutes])
    .where('device_id', 'in', [...deviceIds])
    .where('cn', 'in', SAMPLE_CNS)
    .where('code', 'in', [...codes])
    .where('received_at', '>', receivedAfter)
    .execute();
}

/** The projector's watermark, undefined before its first run. */
export async function readWatermark(k: K, name: string): Promise<number | undefined> {
  const r = await k
    .selectFrom('power_projection')
    .select('watermark')
    .where('name', '=', name)
    .executeTakeFirst();
  return r?.watermark;
}

/** Moves the watermark. */
export async function writeWatermark(k: K, name: string, at: number, now: number): Promise<void> {
  await k
    .insertInto('power_projection')
    .values({ name, watermark: at, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ watermark: at, updated_at: now }))
    .execute();
}
