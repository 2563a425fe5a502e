/**
 * The departments a department account may name: those of the key-task registry in the store
 * (written by `tasks load`) and those of the plans Lantian ships (data/plans/<plan>/tasks/, the
 * file tasks.json names, departments.json by default), by name, alias or code. Names match as
 * the task registry matches them (src/tasks/rules/department-registry.ts, departmentKey): spaces and
 * bracket width do not count, and 邯郸市… reads as 市…. A misspelled department would leave the
 * account seeing nothing, so it is refused.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';

const PLANS_DIR = fileURLToPath(new URL('../../data/plans', import.meta.url));

interface NamedDepartment {
  code: string;
  name: string;
  aliases: readonly string[];
}

/** The lookup form of a department name (the same rule as the task registry's departmentKey). */
export function departmentNameKey(s: string): string {
  const t = s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  return t.startsWith('邯郸市') ? `市${t.slice(3)}` : t;
}

/** Departments of the plans shipped in `dir` (unreadable files are skipped). */
export function shippedDepartments(dir = PLANS_DIR): NamedDepartment[] {
  const out: NamedDepartment[] = [];
  for (const plan of existsSync(dir) ? readdirSync(dir) : []) {
    try {
      const tasks = join(dir, plan, 'tasks');
      const index = JSON.parse(readFileSync(join(tasks, 'tasks.json'), 'utf8')) as {
        departments?: string;
      };
      const file = JSON.parse(
        readFileSync(join(tasks, index.departments ?? 'departments.json'), 'utf8'),
      ) as { departments?: NamedDepartment[] };
      out.push(...(file.departments ?? []).map((d) => ({ ...d, aliases: d.aliases ?? [] })));
    } catch {
      // a plan without key tasks has no departments
    }
  }
  return out;
}

async function storedDepartments(db: Db): Promise<NamedDepartment[]> {
  const rows = await db.kysely
    .selectFrom('task_departments')
    .select(['code', 'name', 'aliases'])
    .execute();
  return rows.map((r) => ({ ...r, aliases: JSON.parse(r.aliases) as string[] }));
}

/** LT_ERR_DEPARTMENT_NOT_FOUND unless `name` is a department of the store's or a shipped plan. */
export async function assertDepartmentKnown(db: Db, name: string): Promise<void> {
  const key = departmentNameKey(name);
  const all = [...(await storedDepartments(db)), ...shippedDepartments()];
  const known = all.some((d) =>
    [d.code, d.name, ...d.aliases].some((n) => departmentNameKey(n) === key),
  );
  if (!known)
    throw new LantianError(
      'LT_ERR_DEPARTMENT_NOT_FOUND',
      `"${name}"（名录见 GET /api/tasks/departments，或方案数据的 tasks/departments.json，如 市生态环境局）`,
    );
}
