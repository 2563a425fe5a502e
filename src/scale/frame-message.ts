/**
 * One JetStream message per accepted HJ 212 frame: the raw frame and its parse, with the
 * device_values and readings rows its upload produced (so writers need no parser and no
 * registry). The message id (Nats-Msg-Id, JetStream de-duplication) comes from the frame's
 * identity (MN, CN, DataTime, QN, part number) so that a frame a logger re-sends after a lost
 * 9014 is stored once in the stream as well as in PostgreSQL (whose keys make any later
 * redelivery a no-op).
 */
import { createHash } from 'node:crypto';
import type { BatchFrame, IngestBatch } from '../ingest/hj212/value-batch.ts';

/** Format version of the message body. */
export const FRAME_MESSAGE_VERSION = 1;

type Cell = number | string | null;

/** The body of a frame message. */
export interface FrameMessage {
  readonly v: number;
  readonly raw: string;
  readonly st: string;
  readonly mn: string;
  readonly cn: string;
  readonly qn: string | null;
  readonly pnum: number | null;
  readonly pno: number | null;
  readonly dataTime: string | null;
  readonly receivedAt: number;
  /** device_values rows: minute, device, cn, code, data_time, 12 value columns, received_at. */
  readonly rows: Cell[][];
  /** readings rows: hour, station, pollutant, value, flag, source. */
  readonly readings: Cell[][];
}

/** The body of a quarantined frame: received at, peer, MN, reason, ST, CN, raw. */
export interface QuarantineMessage {
  readonly v: number;
  readonly q: [number, string, string | null, string, string | null, string | null, string];
}

/** A subject token from free text (NATS tokens may not hold `.`, `*`, `>` or spaces). */
export function subjectToken(s: string): string {
  const t = s.replace(/[^A-Za-z0-9_-]/g, '_');
  return t === '' ? '_' : t;
}

/** `<prefix>.<ST>.<MN>.<CN>` of a frame. */
export function frameSubject(prefix: string, f: BatchFrame): string {
  return `${prefix}.${subjectToken(f.st)}.${subjectToken(f.mn)}.${subjectToken(f.cn)}`;
}

/** The subject of quarantined frames. */
export function quarantineSubject(prefix: string): string {
  return `${prefix}.quarantine`;
}

/** The de-duplication id of a frame: its identity, or a digest of its bytes when it has none. */
export function frameMessageId(f: BatchFrame): string {
  if (f.dataTime === null && f.qn === null)
    return `hj212:${f.mn}:${f.cn}:raw:${createHash('sha1').update(f.raw, 'latin1').digest('hex')}`;
  return `hj212:${f.mn}:${f.cn}:${f.dataTime ?? ''}:${f.qn ?? ''}:${f.pno ?? ''}`;
}

/** The body of quarantine row `i` of a batch. */
export function encodeQuarantine(b: IngestBatch, i: number): QuarantineMessage {
  return {
    v: FRAME_MESSAGE_VERSION,
    q: [b.qAt[i]!, b.qPeer[i]!, b.qMn[i]!, b.qReason[i]!, b.qSt[i]!, b.qCn[i]!, b.qRaw[i]!],
  };
}

/**
 * The de-duplication id of a quarantined frame: a digest of its row (the time it came, the peer,
 * the bytes), so that a re-published batch is stored once by the stream and a redelivered
 * message once in the quarantine table (its msg_key). A logger re-sending the frame later makes
 * a new row, as on one machine.
 */
export function quarantineMessageId(m: QuarantineMessage): string {
  return `hj212q:${createHash('sha1').update(JSON.stringify(m.q)).digest('hex')}`;
}

/** The message body of a frame of a batch. */
export function encodeFrame(b: IngestBatch, f: BatchFrame): FrameMessage {
  const rows: Cell[][] = [];
  for (let i = f.rowStart; i < f.rowEnd; i++) {
    rows.push([
      b.minute[i]!,
      b.deviceId[i]!,
      b.cn[i]!,
      b.code[i]!,
      b.dataTime[i]!,
      b.rtd[i]!,
      b.avg[i]!,
      b.min[i]!,
      b.max[i]!,
      b.zsRtd[i]!,
      b.zsAvg[i]!,
      b.zsMin[i]!,
      b.zsMax[i]!,
      b.cou[i]!,
      b.flag[i]!,
      b.eflag[i]!,
      b.extra[i]!,
      b.receivedAt[i]!,
    ]);
  }
  const readings: Cell[][] = [];
  for (let i = f.readingStart; i < f.readingEnd; i++) {
    readings.push([
      b.rHour[i]!,
      b.rStation[i]!,
      b.rPollutant[i]!,
      b.rValue[i]!,
      b.rFlag[i]!,
      b.rSource[i]!,
    ]);
  }
  return {
    v: FRAME_MESSAGE_VERSION,
    raw: f.raw,
    st: f.st,
    mn: f.mn,
    cn: f.cn,
    qn: f.qn,
    pnum: f.pnum,
    pno: f.pno,
    dataTime: f.dataTime,
    receivedAt: f.receivedAt,
    rows,
    readings,
  };
}

const num = (c: Cell): number | null => (c === null ? null : Number(c));
const str = (c: Cell): string | null => (c === null ? null : String(c));

/** Appends what a message carries to a batch (a writer's batch). */
export function appendMessage(b: IngestBatch, m: FrameMessage | QuarantineMessage): void {
  if ('q' in m) {
    const [at, peer, mn, reason, st, cn, raw] = m.q;
    b.addQuarantine(at, peer, mn, reason, st, cn, raw, quarantineMessageId(m));
    b.addPacket(at, null, null);
    return;
  }
  for (const r of m.rows) {
    const i = b.addRow(
      Number(r[0]),
      Number(r[1]),
      Number(r[2]),
      String(r[3]),
      Number(r[4]),
      Number(r[17]),
    );
    b.rtd[i] = num(r[5]!);
    b.avg[i] = num(r[6]!);
    b.min[i] = num(r[7]!);
    b.max[i] = num(r[8]!);
    b.zsRtd[i] = num(r[9]!);
    b.zsAvg[i] = num(r[10]!);
    b.zsMin[i] = num(r[11]!);
    b.zsMax[i] = num(r[12]!);
    b.cou[i] = num(r[13]!);
    b.flag[i] = str(r[14]!);
    b.eflag[i] = str(r[15]!);
    b.extra[i] = str(r[16]!);
  }
  for (const r of m.readings)
    b.addReading(Number(r[0]), Number(r[1]), String(r[2]), Number(r[3]), str(r[4]!), Number(r[5]));
  b.addPacket(m.receivedAt, null, null);
}
