import { describe, expect, it } from 'vitest';
import { industries, industryOf } from '../registry/industry-list.ts';
import { checkCategories, checkGrade } from './registry-codes.ts';

describe('registry code lists', () => {
  it('lists the 39 industries of the 2020 guide, then coal power and 其他', () => {
    const list = industries();
    expect(list.filter((i) => i.guide !== null).map((i) => i.guide)).toEqual(
      Array.from({ length: 39 }, (_, i) => i + 1),
    );
    expect(list.slice(-2).map((i) => i.code)).toEqual(['coal_power', 'other']);
    expect(new Set(list.map((i) => i.code)).size).toBe(list.length);
    expect(new Set(list.map((i) => i.name)).size).toBe(list.length);
    expect(list.find((i) => i.guide === 19)?.name).toBe('玻璃');
    expect(industryOf('焦化')?.code).toBe('coking');
    expect(industryOf('cement')?.name).toBe('水泥');
    expect(industryOf('造纸')).toBeUndefined();
  });

  it('checks grades with their edition: A+ only under the 2026 rule', () => {
    expect(checkGrade(null, null)).toEqual({ ok: true });
    expect(checkGrade('A', '2020')).toEqual({ ok: true });
    expect(checkGrade('lead', '2020')).toEqual({ ok: true });
    expect(checkGrade('B-', '2026')).toEqual({ ok: true });
    expect(checkGrade('A+', '2026')).toEqual({ ok: true });
    expect(checkGrade('A+', '2020')).toMatchObject({ ok: false, field: 'grade' });
    expect(checkGrade('E', '2020')).toMatchObject({ ok: false, field: 'grade' });
    expect(checkGrade('A', null)).toMatchObject({ ok: false, field: 'gradeEdition' });
    expect(checkGrade('A', '2019')).toMatchObject({ ok: false, field: 'gradeEdition' });
  });

  it('checks control categories, in the list’s order and without duplicates', () => {
    expect(checkCategories(['voc', 'ultra_low', 'voc'])).toEqual({
      ok: true,
      categories: ['ultra_low', 'voc'],
    });
    expect(checkCategories(['coal'])).toMatchObject({ ok: false });
  });
});
