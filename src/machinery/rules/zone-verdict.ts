/**
 * Whether a machine may work at a position (docs/standards/non-road-machinery.md §2): in each
 * low-emission zone containing the position, a machine below the zone's lowest allowed stage is
 * banned (electric machines never are; a machine of unknown stage counts as below any stage),
 * and an unregistered (uncoded) machine is banned where the zone bans uncoded machines. Handan's
 * zone inside the ring expressway bans uncoded machines and, by default, stages below 国三
 * (2020 plan 三.2 and 三.9); which stages a zone bans is stored per zone (UNVERIFIED).
 */
import { pointInGeometry, type ZoneGeometry } from './zone-geometry.ts';
import { STAGE_NAMES, stageNumber, type Stage } from './stages.ts';

/** Version of the zone and violation rules; recorded with every verdict. */
export const ZONE_RULE_VERSION = 'nrmm-zone-2020.1';

/** A zone as the rule sees it. */
export interface ZoneRule {
  id: number;
  name: string;
  geometry: ZoneGeometry;
  minStage: number;
  bansUncoded: boolean;
}

/** What is known of the machine: unregistered (null) or its stage. */
export type MachineFacts = { registered: false } | { registered: true; stage: Stage };

/** One reason a machine is banned where it stands. */
export interface Ban {
  zoneId: number;
  zoneName: string;
  kind: 'uncoded' | 'banned-stage';
  detail: string;
}

/** The verdict at a position. */
export interface ZoneVerdict {
  /** Zones containing the position. */
  zones: Array<{ id: number; name: string }>;
  inZone: boolean;
  allowed: boolean;
  bans: Ban[];
  ruleVersion: string;
}

/** The zones containing a point. */
export function zonesAt<Z extends ZoneRule>(lon: number, lat: number, zones: readonly Z[]): Z[] {
  return zones.filter((z) => pointInGeometry(lon, lat, z.geometry));
}

/** Why the machine is banned in one zone (empty when allowed there). */
function bansIn(z: ZoneRule, m: MachineFacts): Ban[] {
  const at = { zoneId: z.id, zoneName: z.name };
  if (!m.registered)
    return z.bansUncoded
      ? [{ ...at, kind: 'uncoded', detail: `${z.name}禁止未编码登记的非道路移动机械` }]
      : [];
  if (m.stage === 'D') return [];
  const n = stageNumber(m.stage);
  if (n !== null && n >= z.minStage) return [];
  const floor = STAGE_NAMES[String(z.minStage) as Stage] ?? `第${z.minStage}阶段`;
  return [
    {
      ...at,
      kind: 'banned-stage',
      detail: `${z.name}禁止${floor}以下排放阶段，该机械为${STAGE_NAMES[m.stage]}`,
    },
  ];
}

/** The verdict for a machine at a position among the given zones. */
export function zoneVerdict(
  lon: number,
  lat: number,
  zones: readonly ZoneRule[],
  m: MachineFacts,
): ZoneVerdict {
  const here = zonesAt(lon, lat, zones);
  const bans = here.flatMap((z) => bansIn(z, m));
  return {
    zones: here.map((z) => ({ id: z.id, name: z.name })),
    inZone: here.length > 0,
    allowed: bans.length === 0,
    bans,
    ruleVersion: ZONE_RULE_VERSION,
  };
}
