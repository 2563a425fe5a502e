// Counters of a simulator run and their Chinese progress and summary lines.

import { LatencyHistogram } from './latency-histogram.ts';

/** Live counters of a run. */
export class SimStats {
  /** Packets transmitted for the first time. */
  sent = 0;
  /** Packets whose 9014 arrived. */
  acked = 0;
  /** Data points (numeric values) in acknowledged packets (in sent packets without acks). */
  points = 0;
  /** Codes (one stored row each) in acknowledged packets (in sent packets without acks). */
  rows = 0;
  /** Retransmissions after an OverTime passed. */
  retransmitted = 0;
  /** Packets given up after ReCount retransmissions. */
  failed = 0;
  /** Acks whose (MN, QN) matched nothing pending (late answer to an earlier attempt). */
  unmatched = 0;
  /** Frames received that the codec rejected. */
  badResponses = 0;
  /** Connections established (the first ones included). */
  connects = 0;
  /** Connections lost. */
  disconnects = 0;
  /** Bytes written. */
  bytes = 0;
  /** Frames that were split across two writes / writes that glued several frames. */
  splits = 0;
  glued = 0;
  readonly latency = new LatencyHistogram();
}

/** A run's figures, as the CLI prints them with --json. */
export interface SimSummary {
  readonly seconds: number;
  readonly devices: number;
  readonly connections: number;
  readonly sent: number;
  readonly acked: number;
  readonly retransmitted: number;
  readonly failed: number;
  readonly unmatched: number;
  readonly badResponses: number;
  readonly points: number;
  readonly rows: number;
  readonly connects: number;
  readonly disconnects: number;
  readonly splits: number;
  readonly glued: number;
  readonly bytes: number;
  /** Packets per second: acknowledged ones when acks are on, sent ones otherwise. */
  readonly packetsPerSecond: number;
  readonly pointsPerSecond: number;
  readonly ackLatencyP50Ms: number | null;
  readonly ackLatencyP99Ms: number | null;
  readonly ackLatencyMaxMs: number | null;
}

/** Builds the summary of a run that lasted `seconds`. */
export function summarize(
  s: SimStats,
  seconds: number,
  devices: number,
  connections: number,
  ack: boolean,
): SimSummary {
  const q = (p: number): number | null =>
    s.latency.count === 0 ? null : Math.round(s.latency.percentile(p) * 100) / 100;
  const per = (n: number) => (seconds > 0 ? Math.round(n / seconds) : 0);
  return {
    seconds: Math.round(seconds * 1000) / 1000,
    devices,
    connections,
    sent: s.sent,
    acked: s.acked,
    retransmitted: s.retransmitted,
    failed: s.failed,
    unmatched: s.unmatched,
    badResponses: s.badResponses,
    points: s.points,
    rows: s.rows,
    connects: s.connects,
    disconnects: s.disconnects,
    splits: s.splits,
    glued: s.glued,
    bytes: s.bytes,
    packetsPerSecond: per(ack ? s.acked : s.sent),
    pointsPerSecond: per(s.points),
    ackLatencyP50Ms: q(0.5),
    ackLatencyP99Ms: q(0.99),
    ackLatencyMaxMs: q(1),
  };
}

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);

/** One Chinese progress line. */
export function progressLine(s: SimSummary): string {
  return (
    `[${s.seconds.toFixed(0)} s] 已发送 ${s.sent}，已确认 ${s.acked}，重发 ${s.retransmitted}，` +
    `失败 ${s.failed}，${s.packetsPerSecond} 包/s，确认延迟 p50 ${ms(s.ackLatencyP50Ms)} ` +
    `p99 ${ms(s.ackLatencyP99Ms)}`
  );
}

/** The Chinese summary block printed at the end of a run. */
export function summaryText(s: SimSummary, ack: boolean): string {
  const lines = [
    `模拟结束：${s.devices} 台设备，${s.connections} 个连接，用时 ${s.seconds} s`,
    `  已发送 ${s.sent} 包，已确认 ${ack ? s.acked : '—（未要求应答）'}，重发 ${s.retransmitted}，失败 ${s.failed}`,
    `  数据点 ${s.points}，${s.packetsPerSecond} 包/s，${s.pointsPerSecond} 点/s`,
  ];
  if (ack) {
    lines.push(
      `  确认延迟 p50 ${ms(s.ackLatencyP50Ms)}，p99 ${ms(s.ackLatencyP99Ms)}，最大 ${ms(s.ackLatencyMaxMs)}`,
    );
  }
  lines.push(
    `  连接 ${s.connects} 次，断开 ${s.disconnects} 次；拆包 ${s.splits} 次，粘包 ${s.glued} 次` +
      (s.unmatched > 0 ? `，无对应报文的应答 ${s.unmatched}` : '') +
      (s.badResponses > 0 ? `，无法解析的应答 ${s.badResponses}` : ''),
  );
  return lines.join('\n');
}
