/** Tables written by HJ 212 ingest (migrations 0003 and 0011). */
import type { Generated } from 'kysely';

/**
 * Every value of an upload (CN 2011 real-time, 2051 minute, 2061 hourly, 2031 daily; HJ 212-2017
 * Table 9): one row per pollutant code per packet, the suffixes of Table 4 as columns.
 *
 * Key (minute, device_id, cn, code, data_time), minute = floor(data_time / 60 000): why a minute
 * bucket and not a day bucket is explained in value-key.ts. `data_time` is the interval START
 * for 2051/2061/2031 and the acquisition instant for 2011 (Table 4, docs/standards/hj212.md §1.5).
 * Values are in canonical units (aliases.ts); flags are kept as received (Table 8, §1.9).
 */
export interface DeviceValueTable {
  /** UTC minute number of data_time (value-key.ts). */
  minute: number;
  device_id: number;
  cn: number;
  /** HJ 212-2017 code after the device's aliases and the 2005 code table (unknown codes as sent). */
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
  /** JSON object of any other suffix (SampleTime, SN, ValidNum …) and unparsable values. */
  extra: string | null;
  received_at: number;
}

/** Packets from unknown devices or with a wrong password, kept for review (LANTIAN_HJ212_UNKNOWN=quarantine). */
export interface QuarantineTable {
  id: Generated<number>;
  received_at: number;
  peer: string;
  mn: string | null;
  /** 'unknown_device' | 'bad_password' */
  reason: string;
  st: string | null;
  cn: string | null;
  /** The frame's bytes, escaped as in the raw archive (raw-escape.ts). */
  raw: string;
  /**
   * The JetStream message id when a writer stored it (unique: a redelivery inserts nothing);
   * NULL from the one-process listener (migration 0033).
   */
  msg_key: string | null;
}

/** Totals of the listener by name (migration 0011), so that a restart does not reset them. */
export interface IngestCounterTable {
  name: string;
  value: number;
  updated_at: number;
}

/** Tables of HJ 212 ingest. */
export interface IngestTables {
  device_values: DeviceValueTable;
  quarantine: QuarantineTable;
  ingest_counters: IngestCounterTable;
}
