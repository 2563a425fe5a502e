/** Stored registry rows as the API and the CLI show them (schema.ts shapes). */
import type { z } from 'zod';
import { industryOf } from './industry-list.ts';
import type { EnterpriseListRow } from './enterprise-repo.ts';
import type { FacilityRow, LimitRow, LineRow, OutletRow } from './parts-repo.ts';
import type { EnterpriseDetail, EnterpriseOut, FacilityOut, LineOut, OutletOut } from './schema.ts';

/** An enterprise as the API shows it. */
export type EnterpriseView = z.output<typeof EnterpriseOut>;
/** An enterprise with its lines, facilities and outlets. */
export type EnterpriseDetailView = z.output<typeof EnterpriseDetail>;
/** An outlet as the API shows it. */
export type OutletView = z.output<typeof OutletOut>;

/** The view of an enterprise row. */
export function enterpriseView(e: EnterpriseListRow): EnterpriseView {
  return {
    creditCode: e.credit_code,
    name: e.name,
    regionAdcode: e.region_adcode,
    regionName: e.region_name,
    address: e.address,
    lon: e.lon,
    lat: e.lat,
    industry: e.industry,
    industryName: industryOf(e.industry)?.name ?? e.industry,
    categories: JSON.parse(e.categories) as string[],
    grade: e.grade,
    gradeEdition: e.grade_edition,
    gradeDate: e.grade_date,
    positiveList: e.positive_list === 1,
    positiveReason: e.positive_reason,
    positiveUntil: e.positive_until,
    guarantee: e.guarantee === 1,
    guaranteeReason: e.guarantee_reason,
    guaranteeUntil: e.guarantee_until,
    keyDischarger: e.key_discharger === 1,
    simulated: e.simulated === 1,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
  };
}

/** The view of a line. */
export function lineView(l: LineRow): z.output<typeof LineOut> {
  return { code: l.code, name: l.name, process: l.process, capacity: l.capacity };
}

/** The view of a facility, naming its line by code. */
export function facilityView(
  f: FacilityRow,
  lines: readonly LineRow[],
): z.output<typeof FacilityOut> {
  return {
    code: f.code,
    name: f.name,
    kind: f.kind,
    line: lines.find((l) => l.id === f.line_id)?.code ?? null,
  };
}

/** The view of an outlet with its devices and limit overrides. */
export function outletView(
  o: OutletRow,
  lines: readonly LineRow[],
  mns: readonly string[],
  limits: readonly LimitRow[],
): OutletView {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    kind: o.kind,
    heightM: o.height_m,
    pollutants: JSON.parse(o.pollutants) as string[],
    refO2: o.ref_o2,
    mustReport: o.must_report === 1,
    line: lines.find((l) => l.id === o.line_id)?.code ?? null,
    mns: [...mns],
    limits: limits
      .filter((l) => l.outlet_id === o.id)
      .map((l) => ({
        pollutant: l.pollutant,
        limit: l.limit_mg_m3,
        refO2: l.ref_o2,
        basis: l.basis,
        updatedAt: l.updated_at,
      })),
  };
}
