/**
 * The violations a field check finds (docs/standards/non-road-machinery.md §2 and §3): every
 * ban of the zone verdict (uncoded, banned stage in the zone), and black smoke when the
 * inspector saw it and, if a Ringelmann grade was read, the grade reaches the failing grade
 * (GB 36886-2018 sets Ringelmann limits per class; the failing grade is a setting, default 2 —
 * UNVERIFIED). Each violation records the rule version.
 */
import { ZONE_RULE_VERSION, type ZoneVerdict } from './zone-verdict.ts';

/** The kinds of violation, with their Chinese names. */
export const VIOLATION_KINDS = {
  uncoded: '未编码登记',
  'banned-stage': '低排放区内使用禁用排放阶段机械',
  'black-smoke': '冒黑烟',
} as const;
export type ViolationKind = keyof typeof VIOLATION_KINDS;

/** What the inspector saw about smoke. */
export interface SmokeObservation {
  blackSmoke: boolean;
  ringelmann: number | null;
}

/** One violation to record. */
export interface FoundViolation {
  kind: ViolationKind;
  detail: string;
  ruleVersion: string;
}

/** The violations of one check. */
export function violationsOf(
  verdict: ZoneVerdict,
  smoke: SmokeObservation,
  ringelmannFail: number,
): FoundViolation[] {
  const out: FoundViolation[] = verdict.bans.map((b) => ({
    kind: b.kind,
    detail: b.detail,
    ruleVersion: verdict.ruleVersion,
  }));
  const grade = smoke.ringelmann;
  if (smoke.blackSmoke && (grade === null || grade >= ringelmannFail))
    out.push({
      kind: 'black-smoke',
      detail:
        grade === null
          ? '现场目测冒黑烟'
          : `林格曼黑度 ${grade} 级（≥ ${ringelmannFail} 级判为超标）`,
      ruleVersion: `${ZONE_RULE_VERSION};ringelmann>=${ringelmannFail}`,
    });
  return out;
}
