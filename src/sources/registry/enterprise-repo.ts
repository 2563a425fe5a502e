/** Enterprise registry queries: plain rows in, plain rows out. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { EnterpriseVisibility } from '../enterprise-scope.ts';
import type { EnterpriseTable } from '../tables.ts';

type K = Kysely<DatabaseSchema>;

/** A stored enterprise. */
export type EnterpriseRow = Selectable<EnterpriseTable>;

/** A stored enterprise with its region's name. */
export type EnterpriseListRow = EnterpriseRow & { region_name: string | null };

/** Filters of the enterprise list (all optional). */
export interface EnterpriseFilter {
  /** Adcodes the enterprise's region must be one of. */
  regions?: readonly string[] | undefined;
  industry?: string | undefined;
  grade?: string | undefined;
  category?: string | undefined;
  /** Part of the name or of the credit code. */
  q?: string | undefined;
}

/** LIKE wildcards are dropped from a search text rather than escaped (dialects escape differently). */
const plain = (s: string): string => s.replace(/[%_\\]/g, '');

function listQuery(k: K, v: EnterpriseVisibility, f: EnterpriseFilter) {
  let q = k.selectFrom('enterprises as e').leftJoin('regions as r', 'r.adcode', 'e.region_adcode');
  if (v.kind === 'regions')
    q = q.where('e.region_adcode', 'in', v.regions.length ? v.regions : ['']);
  if (v.kind === 'enterprise') q = q.where('e.credit_code', '=', v.creditCode);
  if (f.regions) q = q.where('e.region_adcode', 'in', f.regions.length ? f.regions : ['']);
  if (f.industry) q = q.where('e.industry', '=', f.industry);
  if (f.grade) q = q.where('e.grade', '=', f.grade);
  if (f.category) q = q.where('e.categories', 'like', `%"${f.category}"%`);
  if (f.q) {
    const like = `%${plain(f.q)}%`;
    q = q.where((eb) =>
      eb.or([eb('e.name', 'like', like), eb('e.credit_code', 'like', like.toUpperCase())]),
    );
  }
  return q;
}

/** One page of the enterprises a visibility admits, by region then credit code, and the total. */
export async function listEnterprises(
  k: K,
  v: EnterpriseVisibility,
  f: EnterpriseFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: EnterpriseListRow[]; total: number }> {
  if (v.kind === 'none') return { rows: [], total: 0 };
  const total = await listQuery(k, v, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await listQuery(k, v, f)
    .selectAll('e')
    .select('r.name as region_name')
    .orderBy('e.region_adcode')
    .orderBy('e.credit_code')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/** One enterprise by credit code, or undefined. */
export async function findEnterprise(
  k: K,
  creditCode: string,
): Promise<EnterpriseListRow | undefined> {
  return k
    .selectFrom('enterprises as e')
    .leftJoin('regions as r', 'r.adcode', 'e.region_adcode')
    .selectAll('e')
    .select('r.name as region_name')
    .where('e.credit_code', '=', creditCode)
    .executeTakeFirst();
}

/** Inserts an enterprise and returns its id. */
export async function insertEnterprise(
  k: K,
  row: Omit<Insertable<EnterpriseTable>, 'id'>,
): Promise<number> {
  const r = await k.insertInto('enterprises').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Changes an enterprise's columns. */
export async function updateEnterprise(
  k: K,
  id: number,
  set: Updateable<EnterpriseTable>,
): Promise<void> {
  await k.updateTable('enterprises').set(set).where('id', '=', id).execute();
}

/** The adcodes of the regions that exist among `adcodes`. */
export async function existingRegions(k: K, adcodes: readonly string[]): Promise<Set<string>> {
  if (adcodes.length === 0) return new Set();
  const rows = await k
    .selectFrom('regions')
    .select('adcode')
    .where('adcode', 'in', [...adcodes])
    .execute();
  return new Set(rows.map((r) => r.adcode));
}
