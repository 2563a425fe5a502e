/**
 * The 清单 workbook of a list as the API and the CLI export it: every county's sheet, or one
 * county's, named after the regions, under the city's name (list-sheet.ts lays it out).
 */
import { findRegion } from '../../air/region-repo.ts';
import { loadRegionTree } from '../../auth/region-ancestry.ts';
import { regionAncestors } from '../../auth/scope.ts';
import type { Db } from '../../store/db.ts';
import type { listView } from './list-service.ts';
import { listXlsx } from './list-sheet.ts';

/** The workbook of `list` (only `county`'s items when given). */
export async function listWorkbook(
  db: Db,
  list: Awaited<ReturnType<typeof listView>>,
  county: string | undefined,
): Promise<Buffer> {
  const shown = county ? { ...list, items: list.items.filter((i) => i.county === county) } : list;
  const names = new Map<string, string>();
  for (const c of new Set([...shown.items.map((i) => i.county), list.region]))
    names.set(c, (await findRegion(db, c))?.name ?? c);
  let cityName = '';
  for (const a of regionAncestors(await loadRegionTree(db), list.region)) {
    const region = await findRegion(db, a);
    if (region?.level === 'city') cityName = region.name;
  }
  return listXlsx(shown, cityName, names);
}
