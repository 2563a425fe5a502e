/**
 * One JetStream message per write of the truck listener's group commit (GB 17691 / HJ 1239):
 * an accepted frame of a registered vehicle — its raw bytes (base64), the record rows the
 * listener made of it, VIN, vehicle id, receipt time, peer, command, login/logout — or a
 * quarantine entry. Writers need no decoder and no registry to store it exactly as the
 * one-process commit would (src/trucks/listener/store-commit-sink.ts).
 *
 * Subjects are per vehicle: `<prefix>.<VIN>.<command as two hex digits>` for frames and
 * `<prefix>.<VIN>.quarantine` for quarantine entries, so a consumer (or a partitioned subject
 * mapping) can take one vehicle's traffic in order (docs/scale.md, "Trucks on JetStream").
 *
 * Nats-Msg-Id: a frame whose data unit starts with its data time (login, real-time, reissue,
 * logout, anti-tamper) is identified by VIN, command and a digest of its bytes — a frame the
 * terminal re-sends because its reply was lost is stored once by the stream. A frame without a
 * data time (time calibration, activation) has identical bytes every time, so its receipt time
 * is part of the id (only the ingest node's own re-publish of a batch is de-duplicated).
 * Quarantine entries carry the receipt time too (each is counted, as in one process).
 */
import { createHash } from 'node:crypto';
import type { FrameWrite, QuarantineWrite, TruckWrite } from '../trucks/batch-repo.ts';
import type { RecordRow } from '../trucks/record-rows.ts';
import { subjectToken } from './frame-message.ts';

/** Format version of the message body. */
export const OBD_MESSAGE_VERSION = 1;

/** Commands whose data unit starts with the data time (GB 17691-2018 Annex B). */
const TIMED_COMMANDS = new Set([0x01, 0x02, 0x03, 0x04, 0x06]);

/** The body of a frame message. */
export interface ObdFrameMessage {
  readonly v: number;
  readonly k: 'f';
  readonly vin: string;
  readonly vehicleId: number;
  readonly receivedAt: number;
  readonly peer: string;
  readonly command: number;
  readonly login: boolean;
  readonly logout: boolean;
  /** The raw frame, base64. */
  readonly raw: string;
  readonly rows: RecordRow[];
}

/** The body of a quarantine message. */
export interface ObdQuarantineMessage {
  readonly v: number;
  readonly k: 'q';
  readonly vin: string;
  readonly reason: string;
  readonly at: number;
  readonly peer: string;
  readonly rawHex: string;
}

/** A message body. */
export type ObdMessage = ObdFrameMessage | ObdQuarantineMessage;

/** The subject of a write. */
export function obdSubject(prefix: string, w: TruckWrite): string {
  const vin = subjectToken(w.vin);
  if (w.kind === 'quarantine') return `${prefix}.${vin}.quarantine`;
  return `${prefix}.${vin}.${w.command.toString(16).toUpperCase().padStart(2, '0')}`;
}

const digest = (bytes: Uint8Array | string): string =>
  createHash('sha1').update(bytes).digest('hex');

/** The de-duplication id of a write (see the header). */
export function obdMessageId(w: TruckWrite): string {
  if (w.kind === 'quarantine') return `obdq:${w.vin}:${w.at}:${digest(w.rawHex)}`;
  const time = TIMED_COMMANDS.has(w.command) ? '' : `${w.receivedAt}:`;
  return `obd:${w.vin}:${w.command}:${time}${digest(w.raw)}`;
}

/** The message body of a write. */
export function encodeObd(w: TruckWrite): ObdMessage {
  if (w.kind === 'quarantine') {
    const { vin, reason, at, peer, rawHex } = w;
    return { v: OBD_MESSAGE_VERSION, k: 'q', vin, reason, at, peer, rawHex };
  }
  return {
    v: OBD_MESSAGE_VERSION,
    k: 'f',
    vin: w.vin,
    vehicleId: w.vehicleId,
    receivedAt: w.receivedAt,
    peer: w.peer,
    command: w.command,
    login: w.login,
    logout: w.logout,
    raw: Buffer.from(w.raw).toString('base64'),
    rows: w.rows,
  };
}

/** The write a message body carries; throws on a body of another version or shape. */
export function decodeObd(m: ObdMessage): TruckWrite {
  if (m.v !== OBD_MESSAGE_VERSION) throw new Error(`消息版本 ${String(m.v)} 不受支持`);
  if (m.k === 'q') {
    const q: QuarantineWrite = {
      kind: 'quarantine',
      vin: String(m.vin),
      reason: String(m.reason),
      at: Number(m.at),
      peer: String(m.peer),
      rawHex: String(m.rawHex),
    };
    return q;
  }
  if (m.k !== 'f' || !Array.isArray(m.rows) || typeof m.raw !== 'string')
    throw new Error('消息格式不正确');
  const f: FrameWrite = {
    kind: 'frame',
    vin: String(m.vin),
    vehicleId: Number(m.vehicleId),
    receivedAt: Number(m.receivedAt),
    peer: String(m.peer),
    command: Number(m.command),
    login: m.login === true,
    logout: m.logout === true,
    raw: Buffer.from(m.raw, 'base64'),
    rows: m.rows,
  };
  return f;
}
