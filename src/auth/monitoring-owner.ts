/**
 * The department that owns the city's monitoring network (the air stations and the online
 * monitoring of enterprise outlets): the ecology and environment bureau (市生态环境局, registry
 * code `sthjj`). A department account sees the devices and the enterprises only when its
 * department is this one (devices/device-scope.ts, sources/enterprise-scope.ts).
 */
import type { Db } from '../store/db.ts';
import { departmentNameKey, shippedDepartments } from './department-names.ts';

/** Registry code of the department that owns the monitoring devices. */
const DEVICE_OWNER_DEPARTMENT = 'sthjj';
/** Its spellings when no registry lists it (the shipped registry's name and aliases). */
const OWNER_SPELLINGS = ['sthjj', '市生态环境局', '邯郸市生态环境局', '生态环境局'];

/** True when a department account's department is the one that owns the monitoring devices. */
export async function departmentOwnsDevices(
  db: Db,
  department: string | null | undefined,
): Promise<boolean> {
  if (!department) return false;
  const key = departmentNameKey(department);
  const spellings = new Set(OWNER_SPELLINGS.map(departmentNameKey));
  for (const d of shippedDepartments()) {
    if (d.code === DEVICE_OWNER_DEPARTMENT)
      for (const n of [d.name, ...d.aliases]) spellings.add(departmentNameKey(n));
  }
  const stored = await db.kysely
    .selectFrom('task_departments')
    .select(['name', 'aliases'])
    .where('code', '=', DEVICE_OWNER_DEPARTMENT)
    .execute();
  for (const r of stored) {
    spellings.add(departmentNameKey(r.name));
    for (const a of JSON.parse(r.aliases) as string[]) spellings.add(departmentNameKey(a));
  }
  return spellings.has(key);
}
