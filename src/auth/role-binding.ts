/**
 * What each role is bound to (pure): a county user to a region's adcode, a department user to a
 * department, an enterprise user to an enterprise; the city office and visitors to nothing.
 * Also the user-name rule, so that the CLI and the API accept the same names.
 */
import { LantianError } from '../errors.ts';
import { ROLES, type Role } from '../http/route-access.ts';

/** A role with the unit it is bound to. */
export interface RoleBinding {
  role: Role;
  regionAdcode: string | null;
  department: string | null;
  enterprise: string | null;
}

/** What a caller supplies; empty strings count as absent. */
export interface RoleBindingInput {
  role: string;
  regionAdcode?: string | null | undefined;
  department?: string | null | undefined;
  enterprise?: string | null | undefined;
}

const ADCODE_RE = /^\d{6}$/;
const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,31}$/;

const blank = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/** True when `s` is one of the roles. */
export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** Checks that a role has exactly the binding it needs; LT_ERR_BAD_ROLE_BINDING otherwise. */
export function validateRoleBinding(input: RoleBindingInput): RoleBinding {
  if (!isRole(input.role)) {
    throw new LantianError(
      'LT_ERR_BAD_ROLE_BINDING',
      `未知角色 "${input.role}"，可选 ${ROLES.join('、')}`,
    );
  }
  const b: RoleBinding = {
    role: input.role,
    regionAdcode: blank(input.regionAdcode),
    department: blank(input.department),
    enterprise: blank(input.enterprise),
  };
  const needs = {
    county: 'regionAdcode',
    department: 'department',
    enterprise: 'enterprise',
  } as const;
  const label = {
    regionAdcode: '所属县区（--region）',
    department: '所属部门（--department）',
    enterprise: '所属企业（--enterprise）',
  } as const;
  const wanted = b.role in needs ? needs[b.role as keyof typeof needs] : null;
  for (const field of ['regionAdcode', 'department', 'enterprise'] as const) {
    if (field === wanted && b[field] === null) {
      throw new LantianError('LT_ERR_BAD_ROLE_BINDING', `角色 ${b.role} 必须指定${label[field]}`);
    }
    if (field !== wanted && b[field] !== null) {
      throw new LantianError('LT_ERR_BAD_ROLE_BINDING', `角色 ${b.role} 不能指定${label[field]}`);
    }
  }
  if (b.regionAdcode !== null && !ADCODE_RE.test(b.regionAdcode)) {
    throw new LantianError('LT_ERR_BAD_ADCODE', b.regionAdcode);
  }
  return b;
}

/** Normalises a user name (trimmed, lower case) and checks its shape; LT_ERR_BAD_REQUEST otherwise. */
export function normalizeUsername(raw: string): string {
  const u = raw.trim().toLowerCase();
  if (!USERNAME_RE.test(u)) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `用户名 "${raw}" 不合规：2–32 个字符，只能用字母、数字和 . _ -，以字母或数字开头`,
    );
  }
  return u;
}
