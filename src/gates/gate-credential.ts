/**
 * The gate's own credential: `ltg_` and 256 random bits (base64url), shown once at registration or
 * rotation, stored as its SHA-256 (src/auth/secret-token.ts hashSecret). A gate-facing request is
 * identified by it alone; refused credentials are counted per address (LT_ERR_GATE_RATE).
 */
import { randomBytes } from 'node:crypto';
import { hashSecret } from '../auth/secret-token.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { gateByTokenHash, type GateRow } from './gate-repo.ts';

const PREFIX = 'ltg_';
const SHAPE = /^ltg_[A-Za-z0-9_-]{43}$/;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** A new gate credential. */
export function newGateCredential(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** What lists show of a credential. */
export function credentialHint(c: string): string {
  return `${c.slice(0, PREFIX.length + 4)}…${c.slice(-4)}`;
}

/** A gate as the gate-facing services know it. */
export type AuthenticGate = GateRow & { region_adcode: string };

/** Refused credentials per address within the current minute (bounded map). */
export class GateFailureLimiter {
  private readonly counts = new Map<string, { minute: number; n: number }>();
  constructor(
    readonly perMinute: number,
    readonly maxAddresses = 10_000,
  ) {}

  /** Throws LT_ERR_GATE_RATE when the address used up its refusals this minute. */
  check(ip: string, now: number): void {
    const c = this.counts.get(ip);
    if (c && c.minute === Math.floor(now / 60_000) && c.n >= this.perMinute)
      throw new LantianError('LT_ERR_GATE_RATE', `${this.perMinute} 次/分钟`);
  }

  /** Counts one refusal. */
  fail(ip: string, now: number): void {
    const minute = Math.floor(now / 60_000);
    const c = this.counts.get(ip);
    if (c && c.minute === minute) c.n++;
    else {
      if (this.counts.size >= this.maxAddresses) this.counts.clear();
      this.counts.set(ip, { minute, n: 1 });
    }
  }
}

/**
 * The gate an Authorization header names; LT_ERR_GATE_CREDENTIAL when none, and LT_ERR_GATE_MISMATCH
 * when the request also names a gate id that is not the credential's.
 */
export async function authenticateGate(
  db: Db,
  limiter: GateFailureLimiter,
  req: { authorization: string | undefined; ip: string; claimedGateId?: number | undefined },
  now: number,
): Promise<AuthenticGate> {
  limiter.check(req.ip, now);
  const token = req.authorization ? BEARER.exec(req.authorization)?.[1] : undefined;
  const gate =
    token && SHAPE.test(token) ? await gateByTokenHash(db.kysely, hashSecret(token)) : undefined;
  if (!gate) {
    limiter.fail(req.ip, now);
    throw new LantianError('LT_ERR_GATE_CREDENTIAL');
  }
  assertSameGate(gate, req.claimedGateId);
  return gate;
}

/** Refuses a request that names another gate than the credential's. */
export function assertSameGate(gate: { id: number }, claimed: number | undefined): void {
  if (claimed !== undefined && Number(claimed) !== Number(gate.id))
    throw new LantianError('LT_ERR_GATE_MISMATCH', `凭据属于门禁 ${gate.id}，请求指明 ${claimed}`);
}
