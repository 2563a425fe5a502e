/**
 * The text of `lantian stream status` (pure): the stream (messages, bytes, first and last
 * sequence and time) and one line per durable consumer with its lag — messages not yet delivered
 * plus delivered and not yet acknowledged — and its ack floor.
 */

/** The stream as the status shows it. */
export interface StreamFigures {
  name: string;
  messages: number;
  bytes: number;
  firstSeq: number;
  lastSeq: number;
  firstTime: string | null;
  lastTime: string | null;
}

/** One durable consumer as the status shows it. */
export interface ConsumerFigures {
  name: string;
  /** writer / rollup / alerts when the name is one the settings give, else null. */
  role: string | null;
  pending: number;
  ackPending: number;
  ackFloor: number;
  redelivered: number;
  /** Start time of a consumer that delivers from a time (a replay), else null. */
  startTime: string | null;
}

/** The lag of a consumer: not delivered plus not acknowledged. */
export function lagOf(c: ConsumerFigures): number {
  return c.pending + c.ackPending;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

const ROLE_NAMES: Record<string, string> = { writer: '写入', rollup: '汇总', alerts: '告警' };

/** The lines of the status. */
export function streamStatusLines(
  s: StreamFigures,
  consumers: readonly ConsumerFigures[],
): string[] {
  const lines = [
    `流 ${s.name}：${s.messages} 条消息，${size(s.bytes)}，序号 ${s.firstSeq}–${s.lastSeq}` +
      (s.firstTime && s.lastTime ? `，最早 ${s.firstTime}，最新 ${s.lastTime}` : ''),
  ];
  if (consumers.length === 0) lines.push('没有持久消费者');
  for (const c of consumers) {
    const role = c.role ? `（${ROLE_NAMES[c.role] ?? c.role}）` : '';
    lines.push(
      `消费者 ${c.name}${role}：积压 ${lagOf(c)}（未投递 ${c.pending}，已投递未确认 ${c.ackPending}），` +
        `确认位置 ${c.ackFloor}，重投 ${c.redelivered}` +
        (c.startTime ? `，自 ${c.startTime} 起重放` : ''),
    );
  }
  return lines;
}
