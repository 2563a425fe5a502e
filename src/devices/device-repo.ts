/** Device registry queries: plain rows in, plain rows out. */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { DeviceTable } from './tables.ts';

/** A stored device. */
export type DeviceRow = Selectable<DeviceTable>;

/** A device with its target's code and time zone, and its last persisted status. */
export interface DeviceView extends DeviceRow {
  /** Station code or outlet code. */
  target: string;
  /** Time zone of the target's region (DataTime is local time); Asia/Shanghai when unknown. */
  time_zone: string;
  /** The region of the device's station or outlet, when known (for county scope). */
  region_adcode: string | null;
  last_packet_at: number | null;
  last_cn: string | null;
  last_peer: string | null;
  last_data_time: number | null;
  packets: number | null;
}

function viewQuery(k: Kysely<DatabaseSchema>) {
  return k
    .selectFrom('devices as d')
    .leftJoin('stations as s', 's.id', 'd.station_id')
    .leftJoin('outlets as o', 'o.id', 'd.outlet_id')
    .leftJoin('regions as r', (j) =>
      j.on((eb) =>
        eb.or([
          eb('r.adcode', '=', eb.ref('s.region_adcode')),
          eb('r.adcode', '=', eb.ref('o.region_adcode')),
        ]),
      ),
    )
    .leftJoin('device_status as st', 'st.device_id', 'd.id')
    .selectAll('d')
    .select((eb) => [
      eb.fn.coalesce('s.code', 'o.code').as('target_code'),
      'r.time_zone',
      'r.adcode as region_adcode',
      'st.last_packet_at',
      'st.last_cn',
      'st.last_peer',
      'st.last_data_time',
      'st.packets',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['execute']>>[number];

function toView(r: ViewRow): DeviceView {
  const { target_code, time_zone, ...rest } = r;
  return { ...rest, target: target_code ?? '', time_zone: time_zone ?? 'Asia/Shanghai' };
}

/** Every device, by MN. */
export async function listDevices(k: Kysely<DatabaseSchema>): Promise<DeviceView[]> {
  return (await viewQuery(k).orderBy('d.mn').execute()).map(toView);
}

/** One device by MN, or undefined. */
export async function findDevice(
  k: Kysely<DatabaseSchema>,
  mn: string,
): Promise<DeviceView | undefined> {
  const r = await viewQuery(k).where('d.mn', '=', mn).executeTakeFirst();
  return r ? toView(r) : undefined;
}

/** Persisted last-packet status of devices (upsert, one statement per chunk). */
export async function saveDeviceStatus(
  k: Kysely<DatabaseSchema>,
  rows: ReadonlyArray<{
    device_id: number;
    last_packet_at: number;
    last_cn: string;
    last_peer: string | null;
    last_data_time: number | null;
    packets: number;
    updated_at: number;
  }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await k
      .insertInto('device_status')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('device_id').doUpdateSet((eb) => ({
          last_packet_at: eb.ref('excluded.last_packet_at'),
          last_cn: eb.ref('excluded.last_cn'),
          last_peer: eb.ref('excluded.last_peer'),
          last_data_time: eb.ref('excluded.last_data_time'),
          packets: eb.ref('excluded.packets'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
