/** Rows of the enterprise list and the filters applied to them (pure). */
import type { Enterprise } from '../../api/types.ts';
import { categoryName, gradeName } from './source-names.ts';

/** An enterprise's row in the list. */
export interface EnterpriseRow {
  creditCode: string;
  name: string;
  county: string;
  regionAdcode: string;
  industry: string;
  industryName: string;
  grade: string;
  categories: string;
  openAlarms: number;
  simulated: boolean;
  lon: number | null;
  lat: number | null;
}

/** The filters of the list; '' = any. */
export interface EnterpriseFilter {
  county: string;
  industry: string;
  grade: string;
  category: string;
  /** Only enterprises with open alarms. */
  alarmsOpen: boolean;
}

/** The rows of the enterprises, with their open alarms by credit code. */
export function enterpriseRows(
  list: readonly Enterprise[],
  openAlarms: ReadonlyMap<string, number>,
): EnterpriseRow[] {
  return list.map((e) => ({
    creditCode: e.creditCode,
    name: e.name,
    county: e.regionName ?? e.regionAdcode,
    regionAdcode: e.regionAdcode,
    industry: e.industry,
    industryName: e.industryName,
    grade: gradeName(e.grade),
    categories: e.categories.map(categoryName).join('、'),
    openAlarms: openAlarms.get(e.creditCode) ?? 0,
    simulated: e.simulated,
    lon: e.lon,
    lat: e.lat,
  }));
}

/** The API query of a filter (the alarm filter applies to the rows, `withOpenAlarms`). */
export function enterpriseQuery(f: EnterpriseFilter): Record<string, string | number> {
  return {
    county: f.county,
    industry: f.industry,
    grade: f.grade,
    category: f.category,
    limit: 1000,
  };
}

/** The rows with open alarms when the filter asks for them, else all. */
export function withOpenAlarms(
  rows: readonly EnterpriseRow[],
  f: EnterpriseFilter,
): EnterpriseRow[] {
  return f.alarmsOpen ? rows.filter((r) => r.openAlarms > 0) : [...rows];
}
