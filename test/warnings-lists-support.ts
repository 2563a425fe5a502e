/**
 * Helpers of the emergency-reduction list tests: on top of the sources test city (two counties,
 * the accounts), cement, glass, positive-list, 保障类 and VOC enterprises with CEMS hours or
 * permits, written as rows (the registry's own service is another part's).
 */
import type { Db } from '../src/store/db.ts';

/** Fixed "now": 2026-12-03 12:00 Beijing time. */
export const NOW = Date.UTC(2026, 11, 3, 4, 0, 0);

export const CEM_B = '91130481MA0LISTB01';
export const CEM_C = '91130424MA0LISTC02';
export const GLASS_A = '91130481MA0LISTA03';
export const GLASS_U = '91130424MA0LISTU04';
export const POSITIVE = '91130481MA0LISTP05';
export const GUARANTEE = '91130424MA0LISTG06';
export const VOC = '91130481MA0LISTV07';

interface Spec {
  code: string;
  name: string;
  region: string;
  industry: string;
  grade: string | null;
  categories?: string[];
  positive?: boolean;
  guarantee?: boolean;
}

const SPECS: Spec[] = [
  { code: CEM_B, name: '武安某水泥有限公司', region: '130481', industry: 'cement', grade: 'B' },
  { code: CEM_C, name: '成安某水泥有限公司', region: '130424', industry: 'cement', grade: 'C' },
  { code: GLASS_A, name: '武安某玻璃有限公司', region: '130481', industry: 'glass', grade: 'A' },
  { code: GLASS_U, name: '成安某玻璃有限公司', region: '130424', industry: 'glass', grade: null },
  {
    code: POSITIVE,
    name: '武安某正面清单水泥厂',
    region: '130481',
    industry: 'cement',
    grade: 'D',
    positive: true,
  },
  {
    code: GUARANTEE,
    name: '成安某热电有限公司',
    region: '130424',
    industry: 'other',
    grade: null,
    guarantee: true,
  },
  {
    code: VOC,
    name: '武安某涂料有限公司',
    region: '130481',
    industry: 'coatings',
    grade: null,
    categories: ['voc'],
  },
];

/** Inserts the enterprises; returns their ids by credit code. */
export async function seedListEnterprises(db: Db): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const s of SPECS) {
    const { id } = await db.kysely
      .insertInto('enterprises')
      .values({
        credit_code: s.code,
        name: s.name,
        region_adcode: s.region,
        address: null,
        lon: null,
        lat: null,
        industry: s.industry,
        categories: JSON.stringify(s.categories ?? ['kiln']),
        grade: s.grade,
        grade_edition: s.grade ? '2020' : null,
        grade_date: s.grade ? '2025-10-01' : null,
        positive_list: s.positive ? 1 : 0,
        positive_reason: s.positive ? '省级重点项目' : null,
        positive_until: null,
        guarantee: s.guarantee ? 1 : 0,
        guarantee_reason: s.guarantee ? '居民供热' : null,
        guarantee_until: s.guarantee ? '2027-03-15' : null,
        key_discharger: 1,
        simulated: 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[s.code] = Number(id);
  }
  return ids;
}

async function permit(db: Db, enterprise_id: number, pollutant: string, kgPerYear: number) {
  await db.kysely
    .insertInto('emission_permits')
    .values({
      enterprise_id,
      outlet_code: '',
      pollutant,
      year: 2026,
      permitted_kg: kgPerYear,
      basis: '91130481MA0LISTB01001P',
      updated_at: NOW,
    })
    .execute();
}

/**
 * Baselines: cement B and the glass works from permits (B: SO2 100, NOx 200, PM 10 kg/d; glass A:
 * SO2 10; glass ungraded: NOx 100; positive: PM 1), cement C from CEMS (5 days of 24 valid hours:
 * SO2 10, NOx 20, PM 2 kg an hour → 240 / 480 / 48 kg/d; one invalid hour of 9999 kg ignored).
 */
export async function seedBaselines(db: Db, ids: Record<string, number>): Promise<void> {
  await permit(db, ids[CEM_B]!, 'a21026', 36_500);
  await permit(db, ids[CEM_B]!, 'a21002', 73_000);
  await permit(db, ids[CEM_B]!, 'a34013', 3_650);
  await permit(db, ids[GLASS_A]!, 'a21026', 3_650);
  await permit(db, ids[GLASS_U]!, 'a21002', 36_500);
  await permit(db, ids[POSITIVE]!, 'a34013', 365);
  // A permit of cement C too: CEMS wins where measured.
  await permit(db, ids[CEM_C]!, 'a21026', 1);
  const { id: outlet } = await db.kysely
    .insertInto('outlets')
    .values({
      code: 'CA-SN-DA001',
      name: '窑尾排放口',
      enterprise: null,
      region_adcode: '130424',
      enterprise_id: ids[CEM_C]!,
      line_id: null,
      height_m: 90,
      ref_o2: 10,
      pollutants: '["a21026","a21002","a34013"]',
      must_report: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = [];
  for (let d = 28; d <= 32; d++) {
    const day = d <= 30 ? `2026-11-${d}` : `2026-12-0${d - 30}`;
    const start = Date.parse(`${day}T00:00:00+08:00`);
    for (let h = 0; h < 24; h++)
      for (const [pollutant, cou] of [
        ['a21026', 10],
        ['a21002', 20],
        ['a34013', 2],
      ] as const)
        rows.push({
          outlet_id: Number(outlet),
          pollutant,
          hour: start + h * 3_600_000,
          day,
          avg: 10,
          zs_device: null,
          zs_calc: null,
          o2: null,
          cou,
          flag: 'N',
          valid: 1,
          origin: '2061',
          minutes: null,
          updated_at: NOW,
        });
  }
  rows.push({
    ...rows[0]!,
    hour: Date.parse('2026-11-27T00:00:00+08:00'),
    day: '2026-11-27',
    valid: 0,
    cou: 9999,
  });
  for (let i = 0; i < rows.length; i += 100)
    await db.kysely
      .insertInto('cems_hours')
      .values(rows.slice(i, i + 100))
      .execute();
}
