/** A registered device's state as the 设备 page names it (pure). */
import type { Device, IngestStatus } from '../../api/types.ts';
import type { TagType } from '../../lib/plan-status.ts';
import { CN_NAMES } from '../../lib/reject-reasons.ts';

/** 在线 connected and reporting; 沉默 silent for over twice its interval; 离线; 从未上报. */
export type DeviceState = '在线' | '离线' | '沉默' | '从未上报';

/** Tag colour of each state. */
export const STATE_TYPES: Readonly<Record<DeviceState, TagType>> = {
  在线: 'success',
  离线: 'info',
  沉默: 'warning',
  从未上报: 'danger',
};

/** A device's row: its registration with the live figures of the listener when it runs. */
export interface DeviceRow {
  mn: string;
  name: string;
  kind: string;
  target: string;
  state: DeviceState;
  peer: string;
  lastPacketAt: number | null;
  lastCn: string;
  packets: number;
  rejected: number | null;
  intervalS: number;
  edition: string;
  /** The logger's clock against arrival ('超前 25 小时'), '' when unknown; ⚠ when a problem. */
  clockSkew: string;
}

/** A clock skew in words: 超前/落后 with the largest fitting unit. */
export function skewText(s: number | null): string {
  if (s === null) return '';
  const a = Math.abs(s);
  const size =
    a >= 86_400
      ? `${(a / 86_400).toFixed(1)} 天`
      : a >= 3600
        ? `${(a / 3600).toFixed(1)} 小时`
        : a >= 60
          ? `${Math.round(a / 60)} 分钟`
          : `${a} 秒`;
  return a < 1 ? '准确' : `${s > 0 ? '超前' : '落后'} ${size}`;
}

/** A command code with its name ('2061 小时数据'). */
export function cnText(cn: string): string {
  return `${cn} ${CN_NAMES[cn] ?? ''}`;
}

/** The rows of the registered devices, with the live status where the listener knows them. */
export function deviceRows(devices: readonly Device[], status: IngestStatus | null): DeviceRow[] {
  const live = new Map((status?.devices.list ?? []).map((d) => [d.mn, d]));
  return devices.map((d) => {
    const s = live.get(d.mn);
    const last = s?.lastPacketAt ?? d.lastPacketAt;
    const state: DeviceState = s?.connected
      ? s.silent
        ? '沉默'
        : '在线'
      : last === null
        ? '从未上报'
        : s?.silent
          ? '沉默'
          : '离线';
    const cn = s?.lastCn ?? d.lastCn;
    return {
      mn: d.mn,
      name: d.name ?? '',
      kind: d.kind === 'station' ? '空气站' : d.kind === 'outlet' ? '排放口' : d.kind,
      target: d.target,
      state,
      peer: s?.peer ?? '',
      lastPacketAt: last,
      lastCn: cn ? cnText(cn) : '',
      packets: s?.packets ?? d.packets,
      rejected: s?.rejected ?? null,
      intervalS: d.intervalS,
      edition: d.edition,
      clockSkew: (s?.problems.includes('clock_skew') ? '⚠ ' : '') + skewText(s?.clockSkewS ?? null),
    };
  });
}
