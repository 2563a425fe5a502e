// "~~" platform login (0x07) and logout (0x08) of a forwarding platform (docs/trucks.md
// "Platform forwarding"). The fact sheets name the commands (HJ 1239.3 ch. 5: enterprise-platform
// login/logout, the receiver answers a correct reply when the check passes and an error reply
// when it fails) but not their bodies. The body used here is the platform login of GB/T 32960.3,
// whose frame HJ 1239.3 follows: time(6) | login serial WORD | username(12 ASCII, NUL padded) |
// password(20 ASCII, NUL padded) | encryption rule(1) = 41 bytes; logout = time(6) | serial WORD.
// UNVERIFIED: the body layout and the reply flags (0x01 success, 0x02 error, as in GB/T 32960).

import { encodeFrame } from './serializer.ts';
import { readTime, TIME_BYTES, writeTime } from './time.ts';

/** "~~" platform commands (reply flag 0xFE in the uplink). */
export const PLATFORM_COMMAND = { login: 0x07, logout: 0x08, keyExchange: 0x09 } as const;

/** Reply flag of an error reply to a "~~" command (UNVERIFIED, GB/T 32960 meaning). */
export const REPLY_FLAG_ERROR = 0x02;

/** Widths of the platform-login text fields. */
export const PLATFORM_USERNAME_BYTES = 12;
export const PLATFORM_PASSWORD_BYTES = 20;
const LOGIN_BYTES = TIME_BYTES + 2 + PLATFORM_USERNAME_BYTES + PLATFORM_PASSWORD_BYTES + 1;
const LOGOUT_BYTES = TIME_BYTES + 2;

/** A platform login body. */
export interface PlatformLogin {
  time: string | null;
  serial: number;
  username: string;
  password: string;
  /** 0x01 none (the rule byte of GB/T 32960). */
  encryptionRule: number;
}

/** Reads a platform-login data unit; null when it is not 41 bytes of that shape. */
export function decodePlatformLogin(data: Uint8Array): PlatformLogin | null {
  if (data.length !== LOGIN_BYTES) return null;
  const b = Buffer.from(data.buffer, data.byteOffset, data.length);
  const at = TIME_BYTES + 2;
  return {
    time: readTime(b, 0),
    serial: b.readUInt16BE(TIME_BYTES),
    username: text(b, at, PLATFORM_USERNAME_BYTES),
    password: text(b, at + PLATFORM_USERNAME_BYTES, PLATFORM_PASSWORD_BYTES),
    encryptionRule: b[LOGIN_BYTES - 1]!,
  };
}

/** True when the data unit has the platform-logout size (time + serial). */
export function isPlatformLogout(data: Uint8Array): boolean {
  return data.length === LOGOUT_BYTES;
}

/** A "~~" platform-login frame (the VIN field carries the username, NUL padded). */
export function encodePlatformLogin(login: PlatformLogin): Buffer {
  const data = Buffer.alloc(LOGIN_BYTES);
  writeTime(data, 0, login.time);
  data.writeUInt16BE(login.serial & 0xffff, TIME_BYTES);
  field(data, TIME_BYTES + 2, PLATFORM_USERNAME_BYTES, 'username', login.username);
  field(
    data,
    TIME_BYTES + 2 + PLATFORM_USERNAME_BYTES,
    PLATFORM_PASSWORD_BYTES,
    'password',
    login.password,
  );
  data[LOGIN_BYTES - 1] = login.encryptionRule;
  return platformFrame(PLATFORM_COMMAND.login, login.username, data);
}

/** A "~~" platform-logout frame. */
export function encodePlatformLogout(
  username: string,
  time: string | null,
  serial: number,
): Buffer {
  const data = Buffer.alloc(LOGOUT_BYTES);
  writeTime(data, 0, time);
  data.writeUInt16BE(serial & 0xffff, TIME_BYTES);
  return platformFrame(PLATFORM_COMMAND.logout, username, data);
}

/**
 * The reply to a platform command: same start, command and VIN field, reply flag 0x01 (accepted)
 * or 0x02 (refused), empty data unit (like the HJ-mode terminal replies; UNVERIFIED).
 */
export function platformReply(command: number, vinField: string, accepted: boolean): Buffer {
  return encodeFrame(
    { start: '~~', command, vin: vinField, replyFlag: accepted ? 0x01 : REPLY_FLAG_ERROR },
    Buffer.alloc(0),
  );
}

function platformFrame(command: number, username: string, data: Buffer): Buffer {
  return encodeFrame({ start: '~~', command, vin: username, replyFlag: 0xfe }, data);
}

function text(b: Buffer, at: number, width: number): string {
  let end = at + width;
  while (end > at && (b[end - 1] === 0 || b[end - 1] === 0x20)) end--;
  return b.toString('latin1', at, end);
}

function field(out: Buffer, at: number, width: number, name: string, value: string): void {
  if (!/^[\x21-\x7e]*$/.test(value) || value.length > width) {
    throw new RangeError(`平台登入的 ${name} 应为不超过 ${width} 个可见 ASCII 字符`);
  }
  out.write(value, at, 'latin1');
}
