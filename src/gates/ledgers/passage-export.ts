/**
 * The passage ledger of a period as a workbook (standards.md §7.1, guide Table 3): every passage
 * of the enterprises the principal may see, oldest first, with its photos' addresses. At most
 * PASSAGE_EXPORT_LIMIT rows; a longer ledger is cut and says so in its last row.
 */
import type { Principal } from '../../auth/principal.ts';
import { enterpriseVisibility } from '../../sources/enterprise-scope.ts';
import type { Db } from '../../store/db.ts';
import { periodOf } from '../stats/rules/period.ts';
import { whereVisible } from './ledger-repo.ts';
import { passageXlsx, table3Time } from './ledger-sheet.ts';

/** Most passages one export holds. */
export const PASSAGE_EXPORT_LIMIT = 50_000;

const DIRECTION: Readonly<Record<string, string>> = { in: '进厂', out: '出厂' };
const CHUNK = 400;

/** The workbook of the passages of [from, to] (Beijing days). */
export async function passageWorkbook(
  db: Db,
  p: Principal,
  from: string,
  to: string,
): Promise<Buffer> {
  const period = periodOf(from, to);
  const v = await enterpriseVisibility(db, p);
  const q = db.kysely
    .selectFrom('gate_passages as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .innerJoin('gates as g', 'g.id', 'p.gate_id')
    .select(['e.credit_code', 'e.name as enterprise', 'g.name as gate'])
    .selectAll('p')
    .where('p.passed_at', '>=', period.start)
    .where('p.passed_at', '<', period.end)
    .orderBy('p.passed_at')
    .orderBy('p.id')
    .limit(PASSAGE_EXPORT_LIMIT + 1);
  const rows = await whereVisible(q, v).execute();
  const cut = rows.length > PASSAGE_EXPORT_LIMIT;
  const shown = rows.slice(0, PASSAGE_EXPORT_LIMIT);
  const photos = new Map<number, string[]>();
  for (let i = 0; i < shown.length; i += CHUNK) {
    const ids = shown.slice(i, i + CHUNK).map((r) => r.id);
    const ph = await db.kysely
      .selectFrom('gate_photos')
      .select(['passage_id', 'kind', 'sha256'])
      .where('passage_id', 'in', ids)
      .orderBy('passage_id')
      .orderBy('kind')
      .execute();
    for (const f of ph)
      photos.set(f.passage_id, [...(photos.get(f.passage_id) ?? []), `${f.kind}:${f.sha256}`]);
  }
  const out = shown.map((r) => [
    r.credit_code,
    r.enterprise,
    r.gate,
    table3Time(Number(r.passed_at)),
    DIRECTION[r.direction] ?? r.direction,
    r.plate,
    r.plate_colour,
    r.registration_date?.replace(/-/g, '') ?? null,
    r.vin,
    r.engine_no,
    r.emission_stage,
    r.fuel,
    r.goods,
    r.quantity_t,
    r.fleet,
    r.manual_open ? '是' : '否',
    r.manual_open ? `${r.manual_by ?? ''} ${r.manual_reason ?? ''}`.trim() : null,
    (photos.get(r.id) ?? []).join('\n') || null,
  ]);
  return passageXlsx(
    `进出厂运输车辆电子台账（${from} 至 ${to}）`,
    out,
    cut ? `仅导出前 ${PASSAGE_EXPORT_LIMIT} 条，请缩短时间段` : null,
  );
}
