/**
 * Escalation (逐级督办, pure): an alarm that is not closed is raised from the enterprise to the
 * county (level 1) and then to the city office (level 2) once deadlines counted from its opening
 * have passed (defaults 24 h and 72 h, configuration: docs/sources.md). Acknowledging does not
 * stop the clock; closing does. No standard sets these deadlines; they follow the plan's
 * dispatch practice of county first, city office after.
 */
import { HOUR_MS } from '../../../standards/local-date.ts';

/** Deadlines of escalation, hours after opening. */
export interface EscalationRule {
  countyAfterHours: number;
  cityAfterHours: number;
}

/** Levels: 0 the enterprise handles it, 1 raised to the county, 2 raised to the city office. */
export type AlarmLevel = 0 | 1 | 2;

/** When an alarm at `level` is next raised, or null at the top. */
export function escalationDueAt(
  level: number,
  openedAt: number,
  rule: EscalationRule,
): number | null {
  if (level <= 0) return openedAt + rule.countyAfterHours * HOUR_MS;
  if (level === 1) return openedAt + Math.max(rule.cityAfterHours, rule.countyAfterHours) * HOUR_MS;
  return null;
}

/** The levels an alarm passes on its way up at `now` (empty when none is due). */
export function levelsDue(
  level: number,
  openedAt: number,
  now: number,
  rule: EscalationRule,
): AlarmLevel[] {
  const out: AlarmLevel[] = [];
  for (let l = level; l < 2; l++) {
    const due = escalationDueAt(l, openedAt, rule);
    if (due === null || due > now) break;
    out.push((l + 1) as AlarmLevel);
  }
  return out;
}
