/**
 * What the readers of the raw-frame archive need (vehicle detail, recent records, day metrics,
 * the writer's redelivery lookup): one vehicle's frames of one Beijing day. Implemented by the
 * full archive (truck-archive.ts, which owns its directory) and by the read-only view of another
 * process's directory (archive-view.ts, on an `api` node of a split deployment).
 */
import type { ArchivedFrame } from './truck-archive.ts';

export interface TruckArchiveReader {
  /** All frames of one vehicle whose receivedAt falls on a Beijing-time day 'YYYY-MM-DD', in append order (slot by slot). */
  readVehicleDay(vehicleId: number, day: string): Promise<ArchivedFrame[]>;
}
