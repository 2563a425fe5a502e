/**
 * Forwarding platforms as the listener sees them: checks a `~~` platform login against the
 * registry (scrypt hash, enabled, region scope) and counts, per platform, the frames it forwarded,
 * the distinct vehicles and when it was last heard (docs/trucks.md "Platform forwarding").
 */
import { loadRegionTree } from '../../auth/region-ancestry.ts';
import { regionDescendants } from '../../auth/scope.ts';
import { verifyPassword, burnPasswordCheck } from '../../auth/password-hash.ts';
import type { PlatformLogin } from '../../protocols/gb17691/index.ts';
import type { Db } from '../../store/db.ts';
import type { PlatformLiveCounts } from '../live.ts';
import { findPlatform, markPlatformLogin } from '../platforms/platform-repo.ts';

/** A platform logged in on a connection. */
export interface PlatformSession {
  readonly id: number;
  readonly name: string;
  readonly username: string;
  /** Adcodes of the platform's region and every region below it. */
  readonly regions: ReadonlySet<string>;
}

/** The outcome of a platform login. */
export type PlatformLoginResult =
  | { ok: true; session: PlatformSession }
  | { ok: false; reason: 'platform_auth_failed' | 'platform_disabled'; detail: string };

interface Counts {
  name: string;
  frames: number;
  vehicles: Set<string>;
  lastSeen: number | null;
  connections: number;
}

/** Logins and per-platform counters of one listener. */
export class PlatformSessions {
  private readonly counts = new Map<number, Counts>();

  constructor(private readonly db: Db) {}

  /** Checks a platform login (reads the registry each time: logins are rare). */
  async login(body: PlatformLogin, peer: string, now: number): Promise<PlatformLoginResult> {
    const row = await findPlatform(this.db.kysely, body.username);
    if (!row) {
      await burnPasswordCheck(body.password);
      return {
        ok: false,
        reason: 'platform_auth_failed',
        detail: `平台用户名 ${body.username} 未登记`,
      };
    }
    if (!(await verifyPassword(body.password, row.password_hash)))
      return { ok: false, reason: 'platform_auth_failed', detail: `平台 ${row.name} 的密码错误` };
    if (row.enabled !== 1)
      return { ok: false, reason: 'platform_disabled', detail: `平台 ${row.name} 已停用` };
    const regions = new Set(regionDescendants(await loadRegionTree(this.db), row.region_adcode));
    await markPlatformLogin(this.db.kysely, row.id, now, peer);
    const c = this.entry(row.id, row.name);
    c.connections++;
    return {
      ok: true,
      session: { id: row.id, name: row.name, username: row.username, regions },
    };
  }

  /** A platform's connection ended or it logged out. */
  left(s: PlatformSession): void {
    const c = this.counts.get(s.id);
    if (c) c.connections = Math.max(0, c.connections - 1);
  }

  /** Counts one frame forwarded by a platform for a vehicle. */
  frame(s: PlatformSession, vin: string, now: number): void {
    const c = this.entry(s.id, s.name);
    c.frames++;
    c.vehicles.add(vin);
    c.lastSeen = now;
  }

  /** Counters of every platform heard since the listener started. */
  snapshot(): PlatformLiveCounts[] {
    return [...this.counts].map(([id, c]) => ({
      id,
      name: c.name,
      connections: c.connections,
      frames: c.frames,
      vehicles: c.vehicles.size,
      lastSeen: c.lastSeen,
    }));
  }

  private entry(id: number, name: string): Counts {
    let c = this.counts.get(id);
    if (!c) {
      c = { name, frames: 0, vehicles: new Set(), lastSeen: null, connections: 0 };
      this.counts.set(id, c);
    }
    return c;
  }
}
