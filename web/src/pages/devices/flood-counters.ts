/**
 * The HJ 212 ingest's flood counters (GET /api/ingest/status, src/ingest/schema.ts) as the 设备
 * page shows them (pure): connections refused, evicted and timed out, rejected frames not
 * archived or not quarantined, quarantine rows pruned. Each with what it counts, in Chinese
 * (docs/ingest.md explains the limits behind them).
 */
import type { IngestStatus } from '../../api/types.ts';

export interface FloodCounter {
  /** Stable key for tests and styling. */
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** What the counter counts, for the tooltip. */
  readonly hint: string;
}

/** The counters of one status, in the order of a connection's life: connect, frames, storage. */
export function floodCounters(s: IngestStatus): FloodCounter[] {
  const c = s.connections;
  return [
    {
      key: 'refused',
      label: '拒绝连接',
      value: c.refused,
      hint: '连接数已满且均已认证时拒绝的连接',
    },
    {
      key: 'evicted-per-address',
      label: '同地址超限关闭',
      value: c.evictedPerAddress,
      hint: `同一地址未认证连接超过 ${c.maxPendingPerAddress} 个时关闭的最早连接`,
    },
    {
      key: 'evicted-total',
      label: '总数已满驱逐',
      value: c.evictedTotal,
      hint: `总连接数达到上限 ${c.max} 时关闭的最早未认证连接`,
    },
    {
      key: 'auth-timeouts',
      label: '认证超时关闭',
      value: c.authTimeouts,
      hint: `${Math.round(c.authTimeoutMs / 1000)} 秒内未发送登记设备报文而关闭的连接`,
    },
    {
      key: 'archive-sampled-out',
      label: '被拒报文抽样未存档',
      value: s.archive.sampledOut,
      hint: '按地址抽样、未写入原始报文存档的被拒报文',
    },
    {
      key: 'archive-dropped-by-cap',
      label: '被拒报文超限未存档',
      value: s.archive.droppedByCap,
      hint: '因每小时上限或存档总大小上限未存档的被拒报文',
    },
    {
      key: 'quarantine-sampled-out',
      label: '超限未隔离',
      value: s.quarantine.sampledOut,
      hint: '因每连接、每地址上限未放入隔离区的报文',
    },
    {
      key: 'quarantine-pruned',
      label: '隔离区已清理',
      value: s.quarantine.pruned,
      hint: `因行数上限（${s.quarantine.maxRows} 行）或保留期（${s.quarantine.retentionDays} 天）删除的隔离行`,
    },
  ];
}
