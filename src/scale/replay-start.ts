/**
 * The start of a replay (pure): `lantian stream replay --from` takes an ISO 8601 time with its
 * zone (`2026-12-01T00:00:00+08:00` or `…Z`) — a time without one would be read in whatever zone
 * the operator's shell has — not later than now.
 */
import { LantianError } from '../errors.ts';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The instant of `text`, or LT_ERR_STREAM_BAD_TIME. */
export function replayStart(text: string, now: number): Date {
  const t = text.trim();
  const ms = ISO_WITH_ZONE.test(t) ? Date.parse(t) : Number.NaN;
  if (!Number.isFinite(ms)) throw new LantianError('LT_ERR_STREAM_BAD_TIME', text);
  if (ms > now) throw new LantianError('LT_ERR_STREAM_BAD_TIME', `${text} 晚于当前时间`);
  return new Date(ms);
}
