/**
 * Store side of the gate statistics (Kysely): passages grouped by Beijing day, enterprise, stage,
 * direction and manual opening; the hours each gate was heard from; heartbeat hours; the truck
 * entries per enterprise with gates. Day and hour indices are integer divisions that both
 * dialects compute alike on the epoch-ms columns.
 */
import { sql, type Kysely } from 'kysely';
import type { EnterpriseVisibility } from '../../sources/enterprise-scope.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import { whereVisible } from '../ledgers/ledger-repo.ts';

type K = Kysely<DatabaseSchema>;

const HOUR_MS = 3_600_000;

/** Grouped passage counts of [start, end) of admitted enterprises. */
export async function groupedCounts(
  k: K,
  v: EnterpriseVisibility,
  start: number,
  end: number,
): Promise<
  Array<{
    dayIndex: number;
    enterpriseId: number;
    stage: string | null;
    direction: string;
    manual: boolean;
    n: number;
  }>
> {
  const dayIdx = sql<number | string>`(p.passed_at + 28800000) / 86400000`;
  const q = k
    .selectFrom('gate_passages as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select((x) => [
      dayIdx.as('d'),
      'p.enterprise_id',
      'p.emission_stage',
      'p.direction',
      'p.manual_open',
      x.fn.countAll<number | string>().as('n'),
    ])
    .where('p.passed_at', '>=', start)
    .where('p.passed_at', '<', end)
    .groupBy([dayIdx, 'p.enterprise_id', 'p.emission_stage', 'p.direction', 'p.manual_open']);
  const rows = await whereVisible(q, v).execute();
  return rows.map((r) => ({
    dayIndex: Number(r.d),
    enterpriseId: r.enterprise_id,
    stage: r.emission_stage,
    direction: r.direction,
    manual: r.manual_open === 1,
    n: Number(r.n),
  }));
}

/** Admitted enterprises that have gates, with their county and its name. */
export async function gatedEnterprises(
  k: K,
  v: EnterpriseVisibility,
): Promise<
  Array<{ id: number; creditCode: string; name: string; county: string; countyName: string }>
> {
  const q = k
    .selectFrom('enterprises as e')
    .leftJoin('regions as r', 'r.adcode', 'e.region_adcode')
    .select(['e.id', 'e.credit_code', 'e.name', 'e.region_adcode', 'r.name as county_name'])
    .where('e.id', 'in', k.selectFrom('gates').select('enterprise_id'))
    .orderBy('e.credit_code');
  const rows = await whereVisible(q, v).execute();
  return rows.map((r) => ({
    id: r.id,
    creditCode: r.credit_code,
    name: r.name,
    county: r.region_adcode,
    countyName: r.county_name ?? r.region_adcode,
  }));
}

/** Enabled gates of admitted enterprises. */
export async function visibleGates(
  k: K,
  v: EnterpriseVisibility,
): Promise<
  Array<{
    id: number;
    name: string;
    enterpriseId: number;
    enterprise: string;
    expectedHours: string;
  }>
> {
  const q = k
    .selectFrom('gates as g')
    .innerJoin('enterprises as e', 'e.id', 'g.enterprise_id')
    .select(['g.id', 'g.name', 'g.enterprise_id', 'e.name as enterprise', 'g.expected_hours'])
    .where('g.enabled', '=', 1)
    .orderBy('e.credit_code')
    .orderBy('g.id');
  const rows = await whereVisible(q, v).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enterpriseId: r.enterprise_id,
    enterprise: r.enterprise,
    expectedHours: r.expected_hours,
  }));
}

/** Hour starts (epoch ms) in [start, end) in which each of some gates posted a passage or heartbeat. */
export async function heardHours(
  k: K,
  gateIds: readonly number[],
  start: number,
  end: number,
): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>();
  if (gateIds.length === 0) return out;
  const note = (gate: number, hour: number): void => {
    const s = out.get(gate) ?? new Set<number>();
    out.set(gate, s);
    s.add(hour);
  };
  const hourIdx = sql<number | string>`p.passed_at / 3600000`;
  const passages = await k
    .selectFrom('gate_passages as p')
    .select(['p.gate_id', hourIdx.as('h')])
    .distinct()
    .where('p.gate_id', 'in', gateIds)
    .where('p.passed_at', '>=', start)
    .where('p.passed_at', '<', end)
    .execute();
  for (const r of passages) note(r.gate_id, Number(r.h) * HOUR_MS);
  const beats = await k
    .selectFrom('gate_seen_hours')
    .select(['gate_id', 'hour_start'])
    .where('gate_id', 'in', gateIds)
    .where('hour_start', '>=', start)
    .where('hour_start', '<', end)
    .execute();
  for (const r of beats) note(r.gate_id, Number(r.hour_start));
  return out;
}

/** Notes that a gate sent a heartbeat at `at` (its hour counts towards completeness). */
export async function recordGateHeartbeat(k: K, gateId: number, at: number): Promise<void> {
  await k
    .insertInto('gate_seen_hours')
    .values({ gate_id: gateId, hour_start: Math.floor(at / HOUR_MS) * HOUR_MS })
    .onConflict((oc) => oc.columns(['gate_id', 'hour_start']).doNothing())
    .execute();
}

/** Truck entries in [start, end) per enterprise that has at least one gate (0 when none). */
export async function entriesOfGatedEnterprises(
  k: K,
  start: number,
  end: number,
): Promise<Array<{ enterpriseId: number; entries: number }>> {
  const rows = await k
    .selectFrom('gates as g')
    .leftJoin('gate_passages as p', (j) =>
      j
        .onRef('p.enterprise_id', '=', 'g.enterprise_id')
        .onRef('p.gate_id', '=', 'g.id')
        .on('p.direction', '=', 'in')
        .on('p.passed_at', '>=', start)
        .on('p.passed_at', '<', end),
    )
    .select((x) => ['g.enterprise_id', x.fn.count<number | string>('p.id').as('n')])
    .groupBy('g.enterprise_id')
    .execute();
  return rows.map((r) => ({ enterpriseId: r.enterprise_id, entries: Number(r.n) }));
}
