/** The vehicle registry sheet of a simulated fleet, in the form `lantian trucks vehicle import` reads. */
import type { TruckSpec } from './truck-fleet.ts';

/** CSV text: header plus one row per truck (all 国六 diesel, yellow plates, one county). */
export function truckRegistryCsv(fleet: readonly TruckSpec[], county: string): string {
  const rows = fleet.map((t) =>
    [
      t.vin,
      t.plate,
      '黄',
      '国六',
      '柴油',
      county,
      '模拟运输公司',
      `模拟车队${(t.index % 10) + 1}`,
      t.replyMode,
      t.layout,
    ].join(','),
  );
  return (
    [
      'vin,plate,plate_colour,emission_stage,fuel,county,owner,fleet,reply_mode,layout',
      ...rows,
    ].join('\n') + '\n'
  );
}
