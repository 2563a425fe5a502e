/** Tables of accounts, sessions, API tokens and sign-in failures (migration 0005). */
import type { Generated, Selectable } from 'kysely';

/** A person's (or an integration's) account. Accounts are disabled, never deleted. */
export interface UsersTable {
  id: Generated<number>;
  /** Lower case, unique; what the person types to sign in. */
  username: string;
  display_name: string;
  /** city-admin | department | county | enterprise | visitor (src/http/route-access.ts). */
  role: string;
  /** County users: the adcode of their region. */
  region_adcode: string | null;
  /** Department users: their department's name or id. */
  department: string | null;
  /** Enterprise users: their enterprise's id or code. */
  enterprise: string | null;
  /** `scrypt$N$r$p$salt$hash` (password-hash.ts). */
  password_hash: string;
  /** 1 when the next sign-in must first change the password (set by an administrator's reset). */
  must_change_password: number;
  /** 1 when the account may no longer sign in. */
  disabled: number;
  created_at: number;
  updated_at: number;
  password_changed_at: number;
}

/** A signed-in browser. The id itself is only in the user's cookie; the row keys its SHA-256. */
export interface AuthSessionsTable {
  id_hash: string;
  user_id: number;
  created_at: number;
  /** Last use, written back at most once a minute (session-rules.ts). */
  last_seen_at: number;
  /** Absolute end: sign-in time plus the absolute timeout. */
  expires_at: number;
  revoked_at: number | null;
  ip: string | null;
  user_agent: string | null;
}

/** A named API token for an integration or the CLI; only its SHA-256 is kept. */
export interface AuthTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** The first characters (`lt_abcd…`), to tell tokens apart in lists. */
  hint: string;
  created_at: number;
  /** Who created it (audit actor). */
  created_by: string;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** One failed sign-in, counted per key (`user:<name>` or `ip:<address>`) over a sliding window. */
export interface LoginFailuresTable {
  id: Generated<number>;
  key: string;
  at: number;
}

/** Tables of the accounts domain. */
export interface AuthTables {
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  auth_tokens: AuthTokensTable;
  auth_login_failures: LoginFailuresTable;
}

/** An account row. */
export type UserRow = Selectable<UsersTable>;
/** An API token row. */
export type TokenRow = Selectable<AuthTokensTable>;
