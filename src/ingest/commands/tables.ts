/** Tables of the HJ 212 downlink (migration 0010). */
import type { Generated } from 'kysely';

/** One command sent (or to be sent) to a device, with its answers (HJ 212-2017 §6.6, 9011/9012). */
export interface DeviceCommandTable {
  id: Generated<number>;
  device_id: number;
  mn: string;
  /** Request CN: 1011, 1012, 1061–1064, 2031, 2051, 2061. */
  cn: string;
  /** QN of the request; the device's 9011/9012 and data answers carry it. */
  qn: string;
  /** JSON object of the CP parameters sent (e.g. {"SystemTime":"20240301080000"}). */
  params: string;
  /** 'operator' | 'clock' (automatic clock setting) | 'backfill' (automatic history request). */
  origin: string;
  /** Who asked (operator commands). */
  actor: string | null;
  /** 'sent' | 'accepted' | 'refused' | 'done' | 'failed' | 'timeout' | 'unsent'. */
  status: string;
  created_at: number;
  sent_at: number | null;
  answered_at: number | null;
  /** JSON object of what the device answered (QnRtn, ExeRtn, SystemTime, RtdInterval …). */
  answer: string | null;
  /** Chinese explanation of the status. */
  detail: string | null;
}

/** Tables of the downlink. */
export interface CommandTables {
  device_commands: DeviceCommandTable;
}
