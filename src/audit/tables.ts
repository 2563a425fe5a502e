/** Table of the audit log. */
import type { Generated } from 'kysely';

/**
 * One audited event: a sign-in, a failed sign-in, or a change to plans, targets, tasks, devices
 * or users. Rows are only ever inserted (no update, no delete path exists in the code).
 */
export interface AuditLogTable {
  id: Generated<number>;
  /** UTC epoch ms. */
  at: number;
  /** Who: a user name, `token:<name>`, `cli:<os user>` or `system`. */
  actor: string;
  /** What, as a stable dotted verb: `auth.login`, `auth.login_failed`, `plan.publish`, `device.create` … */
  action: string;
  /** What it was done to, e.g. `plan:handan-2020@2`, `device:010000A8900016F000169DC0`. */
  target: string | null;
  /** JSON with the facts (old and new values, reasons). */
  detail: string | null;
  ip: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
