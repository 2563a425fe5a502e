/**
 * The key of device_values: (minute, device_id, cn, code, data_time) with minute =
 * floor(data_time / 60 000), the UTC minute number.
 *
 * Why a minute bucket and not the day bucket of `readings` (migrations/0001-air.ts): readings are
 * hourly, a few rows per station per day; device uploads arrive ~10^4 packets/s from ~10^3
 * devices. With (day, device, …) every device appends at its own place inside the day, so a
 * group commit dirties one B-tree page per device in the batch — the commit cost then grows with
 * the number of devices, not with the rows (bench/device-value-keys.ts: ~4–5× fewer rows/s than
 * a minute bucket with 1000 devices). With a minute bucket the rows of all devices for the
 * current minute sit together at the right edge (a device sends a few rows per minute, so many
 * devices share a page), while one device's series is still one index seek per minute; for
 * minute, hourly and daily data (DataTime = interval start, HJ 212-2017 Table 4) the minutes to
 * seek are exactly the interval starts.
 */

/** Bucket width of the device_values key. */
export const VALUE_BUCKET_MS = 60_000;

/** The key bucket of a DataTime (UTC minute number). */
export function valueBucket(dataTime: number): number {
  return Math.floor(dataTime / VALUE_BUCKET_MS);
}
