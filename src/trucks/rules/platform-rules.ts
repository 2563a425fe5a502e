/**
 * Checks of a forwarding-platform registration (pure). The username and password are what the
 * platform sends in its `~~` platform login (docs/trucks.md "Platform forwarding"; the body's
 * field widths, 12 and 20 ASCII characters, follow GB/T 32960.3's platform login — UNVERIFIED for
 * HJ 1239.3, see src/protocols/gb17691/platform-login.ts).
 */
import type { ErrorCode } from '../../errors.ts';
import { PLATFORM_PASSWORD_BYTES, PLATFORM_USERNAME_BYTES } from '../../protocols/gb17691/index.ts';

/** A platform registration as typed. */
export interface PlatformInput {
  name: string;
  username: string;
  password: string;
  /** City or county adcode whose vehicles the platform may forward. */
  region: string;
}

/** The result of checking a registration. */
export type PlatformCheck =
  | { ok: true; platform: PlatformInput }
  | { ok: false; code: ErrorCode; field: string; detail: string };

const fail = (field: string, detail: string): PlatformCheck => ({
  ok: false,
  code: 'LT_ERR_BAD_TRUCK_PLATFORM',
  field,
  detail,
});

/** Checks and trims a registration. */
export function checkPlatform(input: PlatformInput): PlatformCheck {
  const name = input.name.trim();
  if (name === '' || name.length > 64) return fail('name', '平台名称不能为空，且不超过 64 个字符');
  const username = input.username.trim();
  if (!new RegExp(`^[\\x21-\\x7e]{1,${PLATFORM_USERNAME_BYTES}}$`).test(username))
    return fail('username', `登录用户名应为 1–${PLATFORM_USERNAME_BYTES} 个可见 ASCII 字符`);
  if (!new RegExp(`^[\\x21-\\x7e]{6,${PLATFORM_PASSWORD_BYTES}}$`).test(input.password))
    return fail('password', `密码应为 6–${PLATFORM_PASSWORD_BYTES} 个可见 ASCII 字符`);
  const region = input.region.trim();
  if (!/^\d{6}$/.test(region)) return fail('region', `"${input.region}" 不是 6 位行政区划代码`);
  return { ok: true, platform: { name, username, password: input.password, region } };
}
