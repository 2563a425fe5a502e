/** The 重型柴油车 page's rows and per-county counts (pure). */
import type { Vehicle } from '../../api/types.ts';

/** A vehicle's row in the table. */
export interface VehicleRow {
  vin: string;
  plate: string;
  plateColour: string;
  emissionStage: string;
  fuel: string;
  county: string;
  fleet: string;
  lastSeen: number | null;
  state: VehicleState;
  lastSpeed: number | null;
  records: number;
}

/** 在线 when connected or its last frame is within the online window; 离线; 从未上报. */
export type VehicleState = '已连接' | '在线' | '离线' | '从未上报';

/** A vehicle's state in words. */
export function vehicleState(v: Vehicle): VehicleState {
  if (v.status.connected) return '已连接';
  if (v.status.online) return '在线';
  return v.status.lastFrameAt === null ? '从未上报' : '离线';
}

/** The table rows, with the county by its name (`countyName`). */
export function vehicleRows(
  vehicles: readonly Vehicle[],
  countyName: (adcode: string) => string,
): VehicleRow[] {
  return vehicles.map((v) => ({
    vin: v.vin,
    plate: v.plate,
    plateColour: v.plateColour,
    emissionStage: v.emissionStage,
    fuel: v.fuel,
    county: countyName(v.county),
    fleet: v.fleet ?? v.owner ?? '',
    lastSeen: v.status.lastFrameAt,
    state: vehicleState(v),
    lastSpeed: v.status.lastSpeed,
    records: v.status.records,
  }));
}

/** Registered, online and connected vehicles of one county. */
export interface CountyCount {
  county: string;
  registered: number;
  online: number;
  connected: number;
}

/** Counts by county (named by `countyName`), most registered first. */
export function countyCounts(
  vehicles: readonly Vehicle[],
  countyName: (adcode: string) => string,
): CountyCount[] {
  const by = new Map<string, CountyCount>();
  for (const v of vehicles) {
    const c = by.get(v.county) ?? {
      county: countyName(v.county),
      registered: 0,
      online: 0,
      connected: 0,
    };
    c.registered++;
    if (v.status.online) c.online++;
    if (v.status.connected) c.connected++;
    by.set(v.county, c);
  }
  return [...by.values()].sort(
    (a, b) => b.registered - a.registered || a.county.localeCompare(b.county, 'zh-CN'),
  );
}
