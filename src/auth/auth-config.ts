/**
 * Settings of the accounts layer: session timeouts, sign-in limits, cookie and origin rules.
 * Read from environment variables once (src/config.ts); tests hand in their own values.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';

/** How secure the session cookie must be. */
export type CookieSecureMode = 'auto' | 'always' | 'never';

/** Settings of sessions, sign-in limits and request-origin checks. */
export interface AuthConfig {
  /** A session unused for this long ends (idle timeout). */
  readonly sessionIdleMs: number;
  /** A session ends this long after sign-in whatever its use (absolute timeout). */
  readonly sessionAbsoluteMs: number;
  /**
   * Failed sign-ins for one user name from one address that are free; each further one doubles
   * the wait before the next attempt from that address (login-throttle.ts `DelayRule`).
   */
  readonly loginFreeFailures: number;
  /** The first wait after the free failures. */
  readonly loginDelayBaseMs: number;
  /** The longest wait between attempts for one user name from one address. */
  readonly loginDelayMaxMs: number;
  /** How long a failure for a user name from an address counts towards its delays. */
  readonly loginDelayMemoryMs: number;
  /** Failed sign-ins per client address within the window (higher: offices share one address). */
  readonly loginMaxFailuresPerIp: number;
  /**
   * Failed sign-ins per user name from all addresses within the window (distributed guessing).
   * Beyond it only addresses the user signed in from recently may still try.
   */
  readonly loginMaxFailuresPerUser: number;
  /** How long a successful sign-in makes its address known for that user. */
  readonly loginKnownAddressMs: number;
  /** The sliding window of the per-address and per-user counts. */
  readonly loginWindowMs: number;
  /** Secure cookie flag: 'auto' sets it when the request came over HTTPS. */
  readonly cookieSecure: CookieSecureMode;
  /** Origins besides the server's own allowed to send cookie-authenticated changes. */
  readonly trustedOrigins: readonly string[];
  /** Fastify `trustProxy`: proxies whose X-Forwarded-For/-Proto are believed. */
  readonly trustProxy: boolean | string[];
}

const MINUTE = 60_000;

/**
 * Defaults: a working day of use, two idle hours; per user name and address 5 free failures, then
 * waits of 1, 2, 4, 8 and at most 15 minutes (failures remembered a day); 50 failures per address
 * and 100 per user name (from addresses it has not signed in from in 30 days) in 15 minutes.
 */
export const DEFAULT_AUTH_CONFIG: AuthConfig = Object.freeze({
  sessionIdleMs: 120 * MINUTE,
  sessionAbsoluteMs: 12 * 60 * MINUTE,
  loginFreeFailures: 5,
  loginDelayBaseMs: MINUTE,
  loginDelayMaxMs: 15 * MINUTE,
  loginDelayMemoryMs: 24 * 60 * MINUTE,
  loginMaxFailuresPerIp: 50,
  loginMaxFailuresPerUser: 100,
  loginKnownAddressMs: 30 * 24 * 60 * MINUTE,
  loginWindowMs: 15 * MINUTE,
  cookieSecure: 'auto',
  trustedOrigins: [],
  trustProxy: false,
});

const positive = z.coerce.number().int().positive();
const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const AuthEnv = z.object({
  LANTIAN_SESSION_IDLE_MINUTES: positive.default(120),
  LANTIAN_SESSION_ABSOLUTE_HOURS: positive.default(12),
  LANTIAN_LOGIN_MAX_FAILURES: positive.default(5),
  LANTIAN_LOGIN_DELAY_SECONDS: positive.default(60),
  LANTIAN_LOGIN_MAX_DELAY_MINUTES: positive.default(15),
  LANTIAN_LOGIN_MEMORY_HOURS: positive.default(24),
  LANTIAN_LOGIN_MAX_FAILURES_PER_IP: positive.default(50),
  LANTIAN_LOGIN_MAX_FAILURES_PER_USER: positive.default(100),
  LANTIAN_LOGIN_KNOWN_ADDRESS_DAYS: positive.default(30),
  LANTIAN_LOGIN_WINDOW_MINUTES: positive.default(15),
  LANTIAN_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  LANTIAN_TRUSTED_ORIGINS: z
    .string()
    .default('')
    .transform(list)
    .refine(
      (xs) => xs.every((x) => /^https?:\/\/[^/]+$/.test(x)),
      '应为逗号分隔的 http(s)://主机[:端口]',
    ),
  LANTIAN_TRUST_PROXY: z.string().default(''),
});

/** Reads the accounts settings from environment variables, or LT_ERR_BAD_CONFIG. */
export function authConfigFromEnv(env: NodeJS.ProcessEnv): AuthConfig {
  const parsed = AuthEnv.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  const proxy = e.LANTIAN_TRUST_PROXY.trim();
  return Object.freeze({
    sessionIdleMs: e.LANTIAN_SESSION_IDLE_MINUTES * MINUTE,
    sessionAbsoluteMs: e.LANTIAN_SESSION_ABSOLUTE_HOURS * 60 * MINUTE,
    loginFreeFailures: e.LANTIAN_LOGIN_MAX_FAILURES,
    loginDelayBaseMs: e.LANTIAN_LOGIN_DELAY_SECONDS * 1000,
    loginDelayMaxMs: e.LANTIAN_LOGIN_MAX_DELAY_MINUTES * MINUTE,
    loginDelayMemoryMs: e.LANTIAN_LOGIN_MEMORY_HOURS * 60 * MINUTE,
    loginMaxFailuresPerIp: e.LANTIAN_LOGIN_MAX_FAILURES_PER_IP,
    loginMaxFailuresPerUser: e.LANTIAN_LOGIN_MAX_FAILURES_PER_USER,
    loginKnownAddressMs: e.LANTIAN_LOGIN_KNOWN_ADDRESS_DAYS * 24 * 60 * MINUTE,
    loginWindowMs: e.LANTIAN_LOGIN_WINDOW_MINUTES * MINUTE,
    cookieSecure: e.LANTIAN_COOKIE_SECURE,
    trustedOrigins: e.LANTIAN_TRUSTED_ORIGINS,
    trustProxy: proxy === '' || proxy === 'false' ? false : proxy === 'true' ? true : list(proxy),
  });
}
