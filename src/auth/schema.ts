/** zod shapes of the accounts API (requests and answers), shown in the OpenAPI document. */
import { z } from 'zod';
import { ROLES, type Role } from '../http/route-access.ts';

/** Every role: routes any signed-in user may call. */
export const SIGNED_IN: readonly Role[] = ROLES;

/** The answer of an action without other result. */
export const Ok = z.object({ ok: z.literal(true) });

/** One of the five roles. */
export const RoleEnum = z
  .enum(ROLES as [Role, ...Role[]])
  .describe(
    '角色：city-admin 市大气办、department 市直部门、county 县区、enterprise 企业、visitor 访客',
  );

/** An account as the API shows it (never the password hash). */
export const UserOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleName: z.string().describe('角色中文名'),
  regionAdcode: z.string().nullable().describe('县区账号所属行政区划代码'),
  department: z.string().nullable().describe('部门账号所属部门'),
  enterprise: z.string().nullable().describe('企业账号所属企业编号'),
  disabled: z.boolean(),
  mustChangePassword: z.boolean().describe('下次登录须先修改密码'),
  createdAt: z.number().describe('UTC 毫秒'),
  updatedAt: z.number(),
  passwordChangedAt: z.number(),
});

/** Who is signed in, how, and the session's CSRF token. */
export const SessionOut = z.object({
  user: UserOut,
  via: z.enum(['session', 'token']),
  csrfToken: z
    .string()
    .nullable()
    .describe('会话的 CSRF 令牌：修改类请求放入 X-Lantian-CSRF 请求头；令牌认证时为 null'),
  expiresAt: z.number().nullable().describe('会话最迟到期时间（UTC 毫秒）'),
});

/** Sign-in request. */
export const LoginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/** Own password change request. */
export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

const binding = {
  regionAdcode: z.string().nullable().optional().describe('县区账号：行政区划代码'),
  department: z.string().max(100).nullable().optional().describe('部门账号：部门名称或编号'),
  enterprise: z.string().max(100).nullable().optional().describe('企业账号：企业编号'),
};

/** New account request (city office). */
export const UserCreateBody = z.object({
  username: z.string().describe('2–32 个字符：字母、数字、. _ -'),
  displayName: z.string().max(64).optional(),
  role: RoleEnum,
  ...binding,
  password: z.string().max(1024).describe('初始密码（至少 10 位，含两类字符）'),
  mustChangePassword: z.boolean().default(true).describe('首次登录须修改密码（默认是）'),
});

/** Account change request (city office). */
export const UserPatchBody = z.object({
  displayName: z.string().max(64).optional(),
  role: RoleEnum.optional().describe('修改角色时须同时给出新的所属单位'),
  ...binding,
  disabled: z.boolean().optional().describe('停用或启用账号；停用会吊销其全部会话和令牌'),
});

/** Password reset by the city office. */
export const PasswordResetBody = z.object({
  password: z.string().max(1024),
  mustChangePassword: z.boolean().default(true),
});

/** A numeric id in the path. */
export const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** An API token as lists show it (never the token itself). */
export const TokenOut = z.object({
  id: z.number(),
  name: z.string(),
  userId: z.number(),
  username: z.string(),
  hint: z.string().describe('令牌开头几位，便于辨认'),
  createdAt: z.number(),
  createdBy: z.string(),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable().describe('最近使用时间（精确到约 1 分钟）'),
  revokedAt: z.number().nullable(),
});

/** New API token request. */
export const TokenCreateBody = z.object({
  name: z.string().describe('令牌名称，如 ci、hj212-gateway'),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('有效天数，默认不过期'),
  userId: z.number().int().positive().optional().describe('为其他用户创建（仅市大气办）'),
});

/** One audit record. */
export const AuditItem = z.object({
  id: z.number(),
  at: z.number().describe('UTC 毫秒'),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.unknown(),
  ip: z.string().nullable(),
});

/** One page of the audit log, newest first. */
export const AuditPageOut = z.object({
  items: z.array(AuditItem),
  nextBeforeId: z.number().nullable().describe('下一页的 beforeId；没有更多时为 null'),
});
