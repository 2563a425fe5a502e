/**
 * Offline (离线) alarm (pure): no packet from the outlet's data logger for M minutes, judged from
 * the last packet time the HJ 212 listener keeps (device_status.last_packet_at). M is
 * configuration (default 30 minutes, docs/sources.md); a logger sends real-time or minute data
 * every few minutes (docs/standards/hj212.md §1.8), so half an hour of silence is an outage. A
 * logger that never sent anything is not offline: its outlet's missing hours say so.
 */
import { HOUR_MS } from '../../../standards/local-date.ts';
import { hourOf, type Episode } from './episode.ts';

/** The offline episode of one logger, if it is offline at `now`. */
export function offline(
  lastPacketAt: number | null,
  now: number,
  offlineMinutes: number,
): Episode | null {
  if (lastPacketAt === null) return null;
  const offlineFrom = lastPacketAt + offlineMinutes * 60_000;
  if (now < offlineFrom) return null;
  const hours: number[] = [];
  for (let h = hourOf(offlineFrom); h <= hourOf(now); h += HOUR_MS) hours.push(h);
  return {
    kind: 'offline',
    pollutant: null,
    hours,
    ongoing: true,
    detail: { since: lastPacketAt, minutes: Math.floor((now - lastPacketAt) / 60_000) },
  };
}
