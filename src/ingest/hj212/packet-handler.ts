/**
 * What happens to one decoded packet: device lookup by MN, password check, rate limit, then
 * uploads (CN 2011/2051/2061/2031) become batch rows and every packet that asks for it gets its
 * acknowledgement queued behind the commit (ackFor: 9014, or 9013 for notifications; HJ 212-2017
 * §6.5). Unknown MN and wrong PW are rejected, or quarantined when configured. Returns the status
 * written to the raw archive: 'ok' or the reject reason.
 *
 * Split messages (Flag bit D, PNUM/PNO; HJ 212-2017 Tables C.49/C.50): every part carries its
 * own QN, its own complete CP area and DataTime, and — with bit A — asks for its own 9014. So
 * each part is stored as it arrives and acknowledged after its own commit; keying values by
 * (device, CN, code, DataTime) makes the stored result identical to storing the joined message,
 * and a device that waits for part n's ack before sending part n+1 is never stalled.
 */
import { ackFor, dataTime, type Hj212Packet, serialize } from '../../protocols/hj212/index.ts';
import { parseDataTime } from './data-time.ts';
import type { DeviceEntry } from './device-cache.ts';
import type { IngestContext } from './ingest-context.ts';
import { INGEST_REJECT_REASONS, type IngestRejectReason } from './ingest-reasons.ts';
import { takeToken } from './rate-limiter.ts';
import { escapeRaw } from './raw-escape.ts';
import { appendUpload } from './upload-values.ts';
import type { AckTarget, IngestBatch } from './value-batch.ts';

/** The connection as the handler sees it. */
export interface PacketSource extends AckTarget {
  readonly id: number;
  readonly peer: string;
  mn: string | null;
  packets: number;
  rejected: number;
  /** Queues an ack for this connection (counts it for a clean half-close). */
  expectAck(): void;
  /** True when a quarantined packet may be kept (per-connection flood guard). */
  mayQuarantine(now: number): boolean;
}

const MIN_DATA_TIME = Date.UTC(2000, 0, 1);

/** The address part of "address:port". */
function addressOf(peer: string): string {
  const i = peer.lastIndexOf(':');
  return i < 0 ? peer : peer.slice(0, i);
}

/** Handles one decoded packet; returns 'ok' or the reject reason for the archive. */
export function handlePacket(
  ctx: IngestContext,
  src: PacketSource,
  p: Hj212Packet,
  raw: Buffer,
  now: number,
): string {
  const dev = ctx.cache.get(p.mn);
  if (dev === undefined) {
    // Registered a moment ago from another process? Look again soon (the device will resend).
    ctx.cache.reloadSoon(2000);
    return refuse(ctx, src, now, 'unknown_device', `MN=${p.mn} 未登记`, raw, p, undefined);
  }
  if (p.pw !== dev.password) {
    return refuse(ctx, src, now, 'bad_password', `MN=${p.mn} 的 PW 与登记不符`, raw, p, dev);
  }
  if (!takeToken(dev.bucket, ctx.options.rateLimit, now)) {
    return refuse(
      ctx,
      src,
      now,
      'rate_limited',
      `超过每秒 ${ctx.options.rateLimit.perSecond} 个报文`,
      raw,
      p,
      dev,
    );
  }
  const batch = ctx.queue.filling;
  const rowStart = batch.n;
  const readingStart = batch.rn;
  const cn = p.cn;
  let values = 0;
  let dtText: string | undefined;
  let dtMs = Number.NaN;
  dev.lastSt = p.st;
  dev.lastVersion = p.version;
  if (cn === '2011' || cn === '2051' || cn === '2061' || cn === '2031') {
    dtText = dataTime(p);
    let dt: number;
    if (dtText === undefined) dt = Number.NaN;
    else if (dtText === dev.lastDataTimeText) dt = dev.lastDataTimeMs;
    else {
      dt = parseDataTime(dtText, dev.timeZone);
      dev.lastDataTimeText = dtText;
      dev.lastDataTimeMs = dt;
    }
    dev.clock.observe(cn, dt, now);
    if (!(dt >= MIN_DATA_TIME && dt <= now + ctx.options.maxFutureMs)) {
      const what = dtText === undefined ? '缺少 DataTime' : `DataTime=${dtText} 无效或超出允许范围`;
      const reason = refuse(ctx, src, now, 'bad_data_time', what, raw, p, dev);
      // Reply per the standard all the same (HJ 212-2017 §6.5, 9014 for Flag bit A): without it
      // the logger resends forever. The values are not stored; the raw archive keeps the frame,
      // and the device status shows its clock skew as a problem.
      if (ackFor(p) !== undefined) {
        if (batch.keepFrames) keepFrame(batch, p, raw, dtText ?? null, now, rowStart, readingStart);
        queueAck(ctx, src, p, dev, now);
      }
      dev.connectionId = src.id;
      ctx.downlink?.observe(dev, p, Number.NaN, now); // e.g. 1012 for a clock far ahead
      return reason;
    }
    dtMs = dt;
    values = appendUpload(batch, dev, p, Number(cn), dt, now, ctx.plausibility);
    if (dev.lastDataTime === null || dt > dev.lastDataTime) dev.lastDataTime = dt;
  }
  if (batch.keepFrames) keepFrame(batch, p, raw, dtText ?? null, now, rowStart, readingStart);
  queueAck(ctx, src, p, dev, now);
  ctx.stats.accepted(now, values);
  ctx.splits.add(p, now);
  src.packets++;
  src.mn = p.mn;
  dev.lastPacketAt = now;
  dev.lastCn = cn;
  dev.lastPeer = src.peer;
  dev.packets++;
  dev.dirty = true;
  dev.connectionId = src.id;
  ctx.downlink?.observe(dev, p, dtMs, now);
  dev.remember({
    at: now,
    peer: src.peer,
    cn,
    qn: p.qn ?? null,
    dataTime: dtText ?? null,
    status: 'ok',
    values,
  });
  return 'ok';
}

/** Keeps the frame and the rows its upload added (for a sink that publishes frames). */
function keepFrame(
  batch: IngestBatch,
  p: Hj212Packet,
  raw: Buffer,
  dataTimeText: string | null,
  now: number,
  rowStart: number,
  readingStart: number,
): void {
  batch.frames.push({
    raw: raw.toString('latin1'),
    st: p.st,
    mn: p.mn,
    cn: p.cn,
    qn: p.qn ?? null,
    pnum: p.pnum ?? null,
    pno: p.pno ?? null,
    dataTime: dataTimeText,
    receivedAt: now,
    rowStart,
    rowEnd: batch.n,
    readingStart,
    readingEnd: batch.rn,
  });
}

/** Queues the packet's acknowledgement (if it asks for one) behind the next commit. */
function queueAck(
  ctx: IngestContext,
  src: PacketSource,
  p: Hj212Packet,
  dev: DeviceEntry,
  now: number,
): void {
  const ack = ackFor(p);
  if (ack !== undefined) {
    src.expectAck();
    ctx.queue.filling.addPacket(now, src, serialize(ack, { crc: dev.crc }));
  } else {
    ctx.queue.filling.addPacket(now, null, null);
  }
}

/**
 * Counts, logs and (sampled) keeps a rejection; quarantines unknown-device and bad-PW packets if
 * configured. `mnHint` is the MN read from the raw bytes of a frame that did not parse (CRC,
 * field or trailer errors), so that a rejection is found by MN whenever the MN can be read.
 */
export function refuse(
  ctx: IngestContext,
  src: PacketSource,
  now: number,
  reason: IngestRejectReason,
  detail: string,
  raw: Uint8Array,
  p: Hj212Packet | undefined,
  dev: DeviceEntry | undefined,
  mnHint: string | null = null,
): string {
  src.rejected++;
  const mn = p?.mn ?? mnHint;
  if (ctx.stats.rejection(now, reason)) {
    ctx.stats.keepRejection({
      at: now,
      peer: src.peer,
      mn,
      reason,
      detail,
      raw: escapeRaw(raw.subarray(0, 600)).slice(0, 600),
    });
  }
  // Counts per interval for everything (refusal-log.ts); a registered device's refusals also get
  // one line per device and reason a minute, for its installer. Never a line per frame.
  ctx.refusals.note(reason, addressOf(src.peer));
  if (dev !== undefined && ctx.stats.shouldWarn(`${reason}|${dev.mn}`, now)) {
    const fields = { peer: src.peer, mn, reason, detail, text: INGEST_REJECT_REASONS[reason] };
    ctx.log.warn(fields, 'HJ 212 登记设备的报文被拒绝（同一设备同一原因每分钟记一次）');
  }
  if (dev !== undefined) {
    dev.rejected++;
    dev.remember({
      at: now,
      peer: src.peer,
      cn: p?.cn ?? '',
      qn: p?.qn ?? null,
      dataTime: (p && dataTime(p)) ?? null,
      status: reason,
      values: 0,
    });
  }
  if (
    p !== undefined &&
    ctx.options.unknownDevice === 'quarantine' &&
    (reason === 'unknown_device' || reason === 'bad_password') &&
    src.mayQuarantine(now)
  ) {
    const batch = ctx.queue.filling;
    batch.addQuarantine(now, src.peer, p.mn, reason, p.st, p.cn, escapeRaw(raw));
    batch.addPacket(now, null, null);
    ctx.stats.quarantined++;
  }
  return reason;
}
