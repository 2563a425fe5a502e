/** How an account row is shown: as the request's principal, and as the API's user object. */
import { ROLE_NAMES, type Role } from '../http/route-access.ts';
import type { Principal } from './principal.ts';
import { isRole } from './role-binding.ts';
import type { UserRow } from './tables.ts';

/** The principal of a signed-in account; a row with an unknown role is treated as a visitor. */
export function principalFromUser(
  u: UserRow,
  via: Principal['via'],
  tokenName?: string,
): Principal {
  const role: Role = isRole(u.role) ? u.role : 'visitor';
  const p: Principal = {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role,
    via,
    mustChangePassword: u.must_change_password === 1,
  };
  if (u.region_adcode !== null) p.regionAdcode = u.region_adcode;
  if (u.department !== null) p.department = u.department;
  if (u.enterprise !== null) p.enterprise = u.enterprise;
  if (tokenName !== undefined) p.tokenName = tokenName;
  return p;
}

/** An account as the API and the CLI's JSON output show it (never the password hash). */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  regionAdcode: string | null;
  department: string | null;
  enterprise: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: number;
  updatedAt: number;
  passwordChangedAt: number;
}

/** The API view of an account row. */
export function userView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    roleName: isRole(u.role) ? ROLE_NAMES[u.role] : u.role,
    regionAdcode: u.region_adcode,
    department: u.department,
    enterprise: u.enterprise,
    disabled: u.disabled === 1,
    mustChangePassword: u.must_change_password === 1,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
    passwordChangedAt: u.password_changed_at,
  };
}
