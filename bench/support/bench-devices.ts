/**
 * Registers the devices the HJ 212 bench load sends as (bench/support/hj212-load.ts): a city
 * region and `count` CEMS outlets with the bench MNs and password, in one store.
 */
import { upsertRegions } from '../../src/air/region-repo.ts';
import { systemClock } from '../../src/clock.ts';
import { importDevices } from '../../src/devices/device-service.ts';
import type { Db } from '../../src/store/db.ts';
import { BENCH_PASSWORD, benchMn } from './hj212-load.ts';

/** Devices 0 … count − 1 of the bench load, registered in `db`. */
export async function registerBenchDevices(db: Db, count: number): Promise<void> {
  await upsertRegions(
    db,
    [{ adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' }],
    0,
  );
  await importDevices(
    db,
    systemClock,
    Array.from({ length: count }, (_, d) => ({
      line: d + 2,
      input: {
        mn: benchMn(d),
        kind: 'outlet',
        target: `DA${d}`,
        password: BENCH_PASSWORD,
        edition: '2017',
        crc: 'standard',
        intervalS: 60,
      },
    })),
    { actor: 'bench' },
  );
}
