/**
 * Child process of the archive's crash test (test/trucks-archive.test.ts): appends batches to the
 * archive in the directory given as argument and prints `acked <k>` once batch k's append()
 * resolved, until it is killed. The frames of a batch come from `childBatch`.
 */
import { openTruckArchive, type ArchivedFrame } from '../../src/trucks/archive/truck-archive.ts';

const BASE = Date.parse('2024-05-01T15:59:00Z');

/** Batch k: vehicles 1–25, one frame each, received 1 s apart per batch (crosses 16:00 UTC). */
export function childBatch(k: number): ArchivedFrame[] {
  return Array.from({ length: 25 }, (_, i) => ({
    vehicleId: i + 1,
    receivedAt: BASE + k * 1000,
    bytes: Buffer.from(`##vehicle ${i + 1} batch ${k} `.repeat(12)),
  }));
}

async function main(dir: string): Promise<void> {
  const archive = await openTruckArchive(dir, { retentionDays: 30, maintenanceIntervalMs: 0 });
  for (let k = 0; ; k++) {
    await archive.append(childBatch(k));
    process.stdout.write(`acked ${k}\n`);
  }
}

if (process.argv[2]) void main(process.argv[2]);
