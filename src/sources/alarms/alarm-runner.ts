/**
 * The detector runner: reads the CEMS hours of a window, the loggers' last packets, the limits
 * and (when given) the lines' running states, runs the pure detectors (rules/) and folds what
 * they find into the alarms: opens, extends (duplicates merged), marks cleared or recurred, and
 * raises alarms whose escalation deadline passed. Running it twice at the same instant changes
 * nothing the second time. `serve` runs it periodically (alarm-job.ts); tests and the CLI call
 * `runAlarms` directly.
 */
import { recordAudit } from '../../audit/audit-log.ts';
import { HOUR_MS } from '../../standards/local-date.ts';
import type { Db } from '../../store/db.ts';
import type { AlarmsConfig } from './alarm-config.ts';
import {
  closedLastSeen,
  dueEscalations,
  insertAlarm,
  insertEvent,
  openAlarmsByKey,
  updateAlarm,
  type AlarmRow,
} from './alarm-repo.ts';
import { collectEpisodes, type Finding, type LineStatesSource } from './collect-episodes.ts';
import { escalationDueAt, levelsDue } from './rules/escalation.ts';
import { hourOf } from './rules/episode.ts';
import { mergeEpisodes, type MergeDecision } from './rules/merge.ts';

/** What one run did. */
export interface AlarmRunResult {
  opened: number;
  extended: number;
  cleared: number;
  recurred: number;
  escalated: number;
}

type K = Parameters<typeof insertAlarm>[0];

const SYSTEM = 'system';

/** Runs every detector at `now` and records the outcome; then escalates what is due. */
export async function runAlarms(
  db: Db,
  cfg: AlarmsConfig,
  now: number,
  lineStates?: LineStatesSource,
): Promise<AlarmRunResult> {
  const maxFlag = Math.max(0, ...Object.values(cfg.flags.maxHours)) + 1;
  const margin = Math.max(cfg.exceedanceHours, cfg.flat.minHours, maxFlag);
  const window = {
    from: hourOf(now) - cfg.lookbackHours * HOUR_MS,
    dataFrom: hourOf(now) - (cfg.lookbackHours + margin) * HOUR_MS,
    to: hourOf(now) + HOUR_MS,
    now,
  };
  const found = await collectEpisodes(db, cfg, window, lineStates);
  const result: AlarmRunResult = { opened: 0, extended: 0, cleared: 0, recurred: 0, escalated: 0 };
  await db.kysely.transaction().execute(async (trx) => {
    const open = await openAlarmsByKey(trx);
    const fresh = [...found.findings.keys()].filter((key) => !open.has(key));
    const closed = await closedLastSeen(trx, fresh);
    for (const [key, f] of found.findings) {
      const alarm = open.get(key);
      const lastClosed = closed.get(key);
      const mark = alarm
        ? { lastSeen: alarm.last_seen, open: true, active: alarm.active === 1 }
        : lastClosed !== undefined
          ? { lastSeen: lastClosed, open: false, active: false }
          : undefined;
      await apply(trx, cfg, now, key, f, alarm, mergeEpisodes(mark, f.episodes), result);
    }
    // Open alarms whose condition was examined and not found: cleared.
    for (const [key, alarm] of open) {
      if (found.findings.has(key) || !found.examined(alarm)) continue;
      const d = mergeEpisodes(
        { lastSeen: alarm.last_seen, open: true, active: alarm.active === 1 },
        [],
      );
      await apply(trx, cfg, now, key, undefined, alarm, d, result);
    }
    result.escalated = await escalate(trx, cfg, now);
  });
  return result;
}

async function apply(
  k: K,
  cfg: AlarmsConfig,
  now: number,
  key: string,
  f: Finding | undefined,
  alarm: AlarmRow | undefined,
  d: MergeDecision,
  result: AlarmRunResult,
): Promise<void> {
  if (d.action === 'none') return;
  if (d.action === 'open') {
    if (!f) return;
    const id = await insertAlarm(k, {
      kind: f.kind,
      enterprise_id: f.enterpriseId,
      region_adcode: f.region,
      outlet_id: f.outletId,
      line_id: f.lineId,
      pollutant: f.pollutant,
      subject_key: key,
      open_key: key,
      status: 'open',
      active: d.active ? 1 : 0,
      opened_at: now,
      first_seen: d.firstSeen,
      last_seen: d.lastSeen,
      count: d.hours,
      detail: JSON.stringify(d.detail),
      level: 0,
      escalate_at: escalationDueAt(0, now, cfg.escalation),
      updated_at: now,
    });
    await event(k, id, now, 'opened', { hours: d.hours, ...d.detail });
    result.opened++;
    return;
  }
  if (!alarm) return;
  await updateAlarm(k, alarm.id, {
    last_seen: d.lastSeen,
    count: alarm.count + d.hours,
    active: d.active ? 1 : 0,
    ...(d.hours > 0 ? { detail: JSON.stringify(d.detail) } : {}),
    updated_at: now,
  });
  if (d.hours > 0) result.extended++;
  if (d.hours > 0 && alarm.active === 0) {
    await event(k, alarm.id, now, 'recurred', { hours: d.hours });
    result.recurred++;
  } else if (!d.active && alarm.active === 1) {
    await event(k, alarm.id, now, 'cleared', null);
    result.cleared++;
  }
}

function event(k: K, alarmId: number, at: number, action: string, detail: object | null) {
  return insertEvent(k, {
    alarm_id: alarmId,
    at,
    action,
    actor: SYSTEM,
    role: null,
    text: null,
    detail: detail === null ? null : JSON.stringify(detail),
  });
}

/** Raises every alarm whose deadline passed (audited as alarm.escalate); how many were raised. */
export async function escalate(k: K, cfg: AlarmsConfig, now: number): Promise<number> {
  let raised = 0;
  for (const a of await dueEscalations(k, now)) {
    const levels = levelsDue(a.level, a.opened_at, now, cfg.escalation);
    const level = levels[levels.length - 1] ?? a.level;
    await updateAlarm(k, a.id, {
      level,
      escalate_at: escalationDueAt(level, a.opened_at, cfg.escalation),
      updated_at: now,
    });
    for (const l of levels) {
      await event(k, a.id, now, 'escalated', { level: l });
      await recordAudit(k, now, {
        actor: SYSTEM,
        action: 'alarm.escalate',
        target: `alarm:${a.id}`,
        detail: { level: l },
      });
      raised++;
    }
  }
  return raised;
}
