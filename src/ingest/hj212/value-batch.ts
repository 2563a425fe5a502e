/**
 * One group-commit batch, column by column: device_values rows, readings rows, quarantine rows,
 * and the acknowledgements to send once the batch has committed. Columns are plain arrays that
 * are reused from batch to batch (`n` says how many rows are live), so the hot path allocates
 * no object per value.
 */

/** Where an acknowledgement goes after commit (a connection). */
export interface AckTarget {
  /** Writes an acknowledgement frame (ignored when the connection is gone). */
  writeAck(frame: Buffer, receivedAt: number): void;
  /** Sends what writeAck buffered. */
  flushAcks(): void;
}

/**
 * One accepted frame of a batch, kept only when the sink asks for frames (a JetStream sink
 * publishes one message per frame): the raw bytes (latin1 copy), its parse, and the ranges of
 * the device_values and readings rows its upload added.
 */
export interface BatchFrame {
  readonly raw: string;
  readonly st: string;
  readonly mn: string;
  readonly cn: string;
  readonly qn: string | null;
  readonly pnum: number | null;
  readonly pno: number | null;
  readonly dataTime: string | null;
  readonly receivedAt: number;
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly readingStart: number;
  readonly readingEnd: number;
}

/** Columns of device_values (see ingest/tables.ts). */
export class IngestBatch {
  /** True when frames are kept (set by the write queue for a sink that wants them). */
  keepFrames = false;
  /** Accepted frames of the batch (only when keepFrames). */
  readonly frames: BatchFrame[] = [];
  n = 0;
  readonly minute: number[] = [];
  readonly deviceId: number[] = [];
  readonly cn: number[] = [];
  readonly code: string[] = [];
  readonly dataTime: number[] = [];
  readonly rtd: Array<number | null> = [];
  readonly avg: Array<number | null> = [];
  readonly min: Array<number | null> = [];
  readonly max: Array<number | null> = [];
  readonly zsRtd: Array<number | null> = [];
  readonly zsAvg: Array<number | null> = [];
  readonly zsMin: Array<number | null> = [];
  readonly zsMax: Array<number | null> = [];
  readonly cou: Array<number | null> = [];
  readonly flag: Array<string | null> = [];
  readonly eflag: Array<string | null> = [];
  readonly extra: Array<string | null> = [];
  readonly receivedAt: number[] = [];

  /** readings rows (air-station hourly averages). */
  rn = 0;
  readonly rHour: number[] = [];
  readonly rStation: number[] = [];
  readonly rPollutant: string[] = [];
  readonly rValue: number[] = [];
  readonly rFlag: Array<string | null> = [];
  readonly rSource: number[] = [];

  /** quarantine rows. */
  qn = 0;
  readonly qAt: number[] = [];
  readonly qPeer: string[] = [];
  readonly qMn: Array<string | null> = [];
  readonly qReason: string[] = [];
  readonly qSt: Array<string | null> = [];
  readonly qCn: Array<string | null> = [];
  readonly qRaw: string[] = [];
  /** The quarantine message's id (writers; null from the one-process listener). */
  readonly qKey: Array<string | null> = [];

  /** Packets in the batch (accepted uploads, other commands, quarantined packets). */
  packets = 0;
  /** Acknowledgements in packet order: target, frame, receive time. */
  ackN = 0;
  readonly ackTo: AckTarget[] = [];
  readonly ackFrame: Buffer[] = [];
  readonly ackReceivedAt: number[] = [];
  /** Receive time of the first packet (for the commit timer and latency). */
  firstAt = 0;

  /** Appends a device_values row with every value column empty; returns its index. */
  addRow(
    minute: number,
    deviceId: number,
    cn: number,
    code: string,
    dataTime: number,
    receivedAt: number,
  ): number {
    const i = this.n++;
    this.minute[i] = minute;
    this.deviceId[i] = deviceId;
    this.cn[i] = cn;
    this.code[i] = code;
    this.dataTime[i] = dataTime;
    this.rtd[i] = null;
    this.avg[i] = null;
    this.min[i] = null;
    this.max[i] = null;
    this.zsRtd[i] = null;
    this.zsAvg[i] = null;
    this.zsMin[i] = null;
    this.zsMax[i] = null;
    this.cou[i] = null;
    this.flag[i] = null;
    this.eflag[i] = null;
    this.extra[i] = null;
    this.receivedAt[i] = receivedAt;
    return i;
  }

  /** Appends a readings row. */
  addReading(
    hour: number,
    stationId: number,
    pollutant: string,
    value: number,
    flag: string | null,
    sourceId: number,
  ): void {
    const i = this.rn++;
    this.rHour[i] = hour;
    this.rStation[i] = stationId;
    this.rPollutant[i] = pollutant;
    this.rValue[i] = value;
    this.rFlag[i] = flag;
    this.rSource[i] = sourceId;
  }

  /** Appends a quarantine row. */
  addQuarantine(
    at: number,
    peer: string,
    mn: string | null,
    reason: string,
    st: string | null,
    cn: string | null,
    raw: string,
    key: string | null = null,
  ): void {
    const i = this.qn++;
    this.qAt[i] = at;
    this.qPeer[i] = peer;
    this.qMn[i] = mn;
    this.qReason[i] = reason;
    this.qSt[i] = st;
    this.qCn[i] = cn;
    this.qRaw[i] = raw;
    this.qKey[i] = key;
  }

  /** Counts a packet, with the acknowledgement to send after commit (if any). */
  addPacket(receivedAt: number, to: AckTarget | null, ack: Buffer | null): void {
    if (this.packets++ === 0) this.firstAt = receivedAt;
    if (to !== null && ack !== null) {
      const i = this.ackN++;
      this.ackTo[i] = to;
      this.ackFrame[i] = ack;
      this.ackReceivedAt[i] = receivedAt;
    }
  }

  /** Empties the batch for reuse (drops references to connections and frames). */
  reset(): void {
    this.frames.length = 0;
    this.n = 0;
    this.rn = 0;
    this.qn = 0;
    this.packets = 0;
    for (let i = 0; i < this.ackN; i++) {
      this.ackTo[i] = undefined as unknown as AckTarget;
      this.ackFrame[i] = undefined as unknown as Buffer;
    }
    this.ackN = 0;
    this.firstAt = 0;
  }
}
