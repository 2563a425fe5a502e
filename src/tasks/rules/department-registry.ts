/**
 * The department registry's rules (pure): finding a department by code, name or alias, and
 * whether an account's department covers a measure's lead department (a department covers
 * itself and the departments below it: 市公安局 covers 市公安局交巡警支队).
 */
import type { DepartmentDef } from '../task-model.ts';

/** Lookups over the registry. */
export interface DepartmentRegistry {
  readonly all: readonly DepartmentDef[];
  /** The department with that code, name or alias (null when none). */
  resolve(nameOrCode: string | null | undefined): DepartmentDef | null;
  /** True when `who` (an account's department, any spelling) covers the department `code`. */
  covers(who: string | null | undefined, code: string): boolean;
}

/** Normalises a name for lookup: no spaces, ASCII brackets, without the city prefix 邯郸市 → 市. */
export function departmentKey(s: string): string {
  const t = s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  return t.startsWith('邯郸市') ? `市${t.slice(3)}` : t;
}

/** Builds the lookups; throws on a name or alias claimed by two departments. */
export function buildDepartmentRegistry(all: readonly DepartmentDef[]): DepartmentRegistry {
  const byKey = new Map<string, DepartmentDef>();
  const claim = (key: string, d: DepartmentDef): void => {
    const k = departmentKey(key);
    const prev = byKey.get(k);
    if (prev && prev.code !== d.code)
      throw new Error(`"${key}" 同时指向 ${prev.name} 和 ${d.name}`);
    byKey.set(k, d);
  };
  for (const d of all) {
    claim(d.code, d);
    claim(d.name, d);
    for (const a of d.aliases) claim(a, d);
  }
  const byCode = new Map(all.map((d) => [d.code, d]));
  const resolve = (s: string | null | undefined): DepartmentDef | null =>
    s ? (byKey.get(departmentKey(s)) ?? null) : null;
  return {
    all,
    resolve,
    covers(who, code) {
      const mine = resolve(who);
      if (!mine) return false;
      const seen = new Set<string>();
      for (let d = byCode.get(code); d && !seen.has(d.code); d = byCode.get(d.parent ?? '')) {
        if (d.code === mine.code) return true;
        seen.add(d.code);
      }
      return false;
    },
  };
}
