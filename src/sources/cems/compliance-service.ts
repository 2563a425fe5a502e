/**
 * Compliance of enterprises with their ultra-low limits (docs/standards/ultra-low.md §5): one
 * enterprise's month (per outlet and pollutant, with daily values and emission amounts against
 * permits), its compliance calendar, and the list of the enterprises an account sees. Scope
 * through src/sources/enterprise-scope.ts.
 */
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { admits, assertEnterpriseScope, enterpriseVisibility } from '../enterprise-scope.ts';
import type { CemsConfig } from './cems-config.ts';
import {
  emissionPermits,
  emissionSums,
  enterpriseByCode,
  enterprisesWithOutlets,
  outletIdsOfEnterprises,
  type EnterpriseHead,
} from './cems-repo.ts';
import { monthCompliance, monthSpan, type OutletPollutantMonth } from './month-compliance.ts';
import { outletJudging } from './outlet-judging.ts';
import { combinedVerdict, sumCounts, type DayStatus, type Verdict } from './rules/compliance.ts';
import { CEMS_RULE_EDITION } from './rules/edition.ts';
import { isConcentration } from './rules/hour-projection.ts';
import { dateStartEpoch } from '../../time/zoned-time.ts';

/** The rules a result names (docs/architecture.md, Conventions: editions). */
export function rulesOf(config: CemsConfig) {
  return {
    edition: CEMS_RULE_EDITION,
    limits: config.edition,
    stable: { ...config.stable },
    unknownFlags: config.flags.unknown,
  };
}

/** The enterprise of a credit code, when the principal may see it. */
async function visibleEnterprise(db: Db, p: Principal, code: string): Promise<EnterpriseHead> {
  const e = await enterpriseByCode(db, code);
  if (e === undefined) throw new LantianError('LT_ERR_ENTERPRISE_NOT_FOUND', code);
  await assertEnterpriseScope(db, p, e);
  return e;
}

/** One enterprise's outlets judged over a month. */
async function enterpriseMonth(
  db: Db,
  config: CemsConfig,
  e: EnterpriseHead,
  month: string,
  now: number,
) {
  const ids = await outletIdsOfEnterprises(db, [e.id]);
  const outlets = await outletJudging(db, config, ids);
  const span = monthSpan(month, now);
  return { outlets, span, parts: await monthCompliance(db, config, outlets, span) };
}

function head(e: EnterpriseHead) {
  return {
    creditCode: e.credit_code,
    name: e.name,
    regionAdcode: e.region_adcode,
    industry: e.industry,
  };
}

function totals(
  parts: readonly OutletPollutantMonth[],
): ReturnType<typeof sumCounts> & { verdict: Verdict } {
  return { ...sumCounts(parts), verdict: combinedVerdict(parts.map((p) => p.verdict)) };
}

/** Emission amounts of the month and the year to its end, against permits. */
async function emissions(
  db: Db,
  e: EnterpriseHead,
  ids: number[],
  codes: Map<number, string>,
  span: { from: number; to: number; month: string },
) {
  const year = Number(span.month.slice(0, 4));
  const yearFrom = dateStartEpoch('Asia/Shanghai', `${year}-01-01`);
  const month = await emissionSums(db, ids, span.from, span.to);
  const ytd = await emissionSums(db, ids, yearFrom, span.to);
  const permits = await emissionPermits(db, [e.id], year);
  const sum = (rows: typeof month, outlet: string | null, pollutant: string): number | null => {
    const xs = rows.filter(
      (r) =>
        r.pollutant === pollutant &&
        (outlet === null || codes.get(r.outlet_id) === outlet) &&
        r.kg !== null,
    );
    return xs.length === 0 ? null : xs.reduce((a, r) => a + r.kg!, 0);
  };
  const keys = new Map<string, { outlet: string | null; pollutant: string }>();
  for (const r of ytd)
    if (isConcentration(r.pollutant))
      keys.set(`|${r.pollutant}`, { outlet: null, pollutant: r.pollutant });
  for (const p of permits) {
    const outlet = p.outlet_code === '' ? null : p.outlet_code;
    keys.set(`${p.outlet_code}|${p.pollutant}`, { outlet, pollutant: p.pollutant });
  }
  return [...keys.values()]
    .sort(
      (a, b) =>
        (a.outlet ?? '').localeCompare(b.outlet ?? '') || a.pollutant.localeCompare(b.pollutant),
    )
    .map(({ outlet, pollutant }) => {
      const permit = permits.find(
        (p) => p.pollutant === pollutant && p.outlet_code === (outlet ?? ''),
      );
      const yearKg = sum(ytd, outlet, pollutant);
      const permittedKg = permit?.permitted_kg ?? null;
      return {
        outletCode: outlet,
        pollutant,
        monthKg: sum(month, outlet, pollutant),
        yearKg,
        permittedKg,
        basis: permit?.basis ?? null,
        share: permittedKg === null || yearKg === null ? null : yearKg / permittedKg,
      };
    });
}

/** GET /api/sources/enterprises/:code/compliance. */
export async function enterpriseCompliance(
  db: Db,
  config: CemsConfig,
  p: Principal,
  code: string,
  month: string,
  now: number,
) {
  const e = await visibleEnterprise(db, p, code);
  const { outlets, span, parts } = await enterpriseMonth(db, config, e, month, now);
  const codes = new Map([...outlets].map(([id, o]) => [id, o.outlet.code]));
  return {
    enterprise: head(e),
    month,
    rules: rulesOf(config),
    ...totals(parts),
    outlets: [...outlets.values()].map((o) => ({
      id: o.outlet.id,
      code: o.outlet.code,
      name: o.outlet.name,
      pollutants: parts
        .filter((x) => x.outletId === o.outlet.id)
        .map(({ outletId: _id, limit, ...rest }) => ({
          ...rest,
          limit: { pollutant: rest.pollutant, ...limit },
        })),
    })),
    emissions: await emissions(db, e, [...outlets.keys()], codes, span),
  };
}

const DAY_ORDER: Record<DayStatus, number> = { none: 0, ok: 1, invalid: 2, over: 3 };

/** GET /api/sources/enterprises/:code/compliance/calendar: each day's worst state. */
export async function complianceCalendar(
  db: Db,
  config: CemsConfig,
  p: Principal,
  code: string,
  month: string,
  now: number,
) {
  const e = await visibleEnterprise(db, p, code);
  const { span, parts } = await enterpriseMonth(db, config, e, month, now);
  const days = span.days.map((day, i) => {
    const of = parts.map((x) => x.days[i]!);
    const status = of.reduce<DayStatus>(
      (worst, d) => (DAY_ORDER[d.status] > DAY_ORDER[worst] ? d.status : worst),
      'none',
    );
    return { day, status, ...sumCounts(of) };
  });
  return { creditCode: e.credit_code, month, rules: rulesOf(config), days };
}

/** GET /api/sources/compliance: every enterprise the principal sees, with its month. */
export async function cityCompliance(
  db: Db,
  config: CemsConfig,
  p: Principal,
  q: { month: string; category?: string | undefined; region?: string | undefined },
  now: number,
) {
  const v = await enterpriseVisibility(db, p);
  let list =
    v.kind === 'none'
      ? []
      : await enterprisesWithOutlets(
          db,
          v.kind === 'enterprise' ? { creditCode: v.creditCode } : {},
        );
  list = list.filter(
    (e) =>
      admits(v, e) &&
      (q.region === undefined || e.region_adcode === q.region) &&
      (q.category === undefined || (JSON.parse(e.categories) as string[]).includes(q.category)),
  );
  const ids = await outletIdsOfEnterprises(
    db,
    list.map((e) => e.id),
  );
  const outlets = await outletJudging(db, config, ids);
  const parts = await monthCompliance(db, config, outlets, monthSpan(q.month, now), false);
  const byEnterprise = new Map<number, OutletPollutantMonth[]>();
  for (const x of parts) {
    const eid = outlets.get(x.outletId)!.outlet.enterprise_id!;
    const l = byEnterprise.get(eid);
    if (l === undefined) byEnterprise.set(eid, [x]);
    else l.push(x);
  }
  const outletCount = new Map<number, number>();
  for (const o of outlets.values()) {
    const eid = o.outlet.enterprise_id!;
    outletCount.set(eid, (outletCount.get(eid) ?? 0) + 1);
  }
  return {
    month: q.month,
    rules: rulesOf(config),
    enterprises: list.map((e) => ({
      ...head(e),
      outlets: outletCount.get(e.id) ?? 0,
      ...totals(byEnterprise.get(e.id) ?? []),
    })),
  };
}
