// The CSV files a demo imports before it starts the simulator: the device registry
// (`lantian device import`) and the air stations (`lantian station import`).

import { AIR_POLLUTANTS } from './air-model.ts';
import type { SimDevice } from './fleet.ts';
import { hashUnit } from './prng.ts';

/** Header of the device registry CSV consumed by `lantian device import`. */
export const DEVICE_CSV_HEADER = 'mn,kind,target,password,edition,crc,interval_s,name';

/** Header of the station CSV consumed by `lantian station import`. */
export const STATION_CSV_HEADER = 'code,name,region,kind,lon,lat,pollutants,role';

/** Centre of the simulated stations (Handan city, WGS-84) and the spread around it, degrees. */
const CENTRE = { lon: 114.54, lat: 36.62, spread: 0.15 };

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Device registry rows: station devices for air stations, outlet devices for CEMS. */
export function deviceCsv(fleet: readonly SimDevice[]): string {
  const lines = [DEVICE_CSV_HEADER];
  for (const d of fleet) {
    lines.push(
      [
        d.mn,
        d.kind === 'air' ? 'station' : 'outlet',
        d.target,
        d.pw,
        d.edition,
        d.crc,
        String(d.intervalS),
        d.name,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** Station rows for the air devices of the fleet, placed deterministically around the centre. */
export function stationCsv(fleet: readonly SimDevice[], region: string, seed: number): string {
  const lines = [STATION_CSV_HEADER];
  for (const d of fleet) {
    if (d.kind !== 'air') continue;
    const lon = CENTRE.lon + (hashUnit(seed, d.index, 1) * 2 - 1) * CENTRE.spread;
    const lat = CENTRE.lat + (hashUnit(seed, d.index, 2) * 2 - 1) * CENTRE.spread;
    lines.push(
      [
        d.target,
        d.name,
        region,
        '其他',
        lon.toFixed(5),
        lat.toFixed(5),
        AIR_POLLUTANTS.join(';'),
        'assessment',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
