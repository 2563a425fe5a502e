/**
 * Registering forwarding platforms: checks (rules/platform-rules.ts), the region must exist, the
 * password is stored only as an scrypt hash, every change is audited in the same transaction.
 */
import { recordAudit } from '../../audit/audit-log.ts';
import { hashPassword } from '../../auth/password-hash.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { checkPlatform, type PlatformInput } from '../rules/platform-rules.ts';
import type { Actor } from '../vehicle-service.ts';
import { regionExists } from '../vehicle-repo.ts';
import {
  findPlatform,
  insertPlatform,
  listPlatforms,
  setPlatformEnabled,
  type PlatformRow,
} from './platform-repo.ts';

/** Registers a platform; LT_ERR_TRUCK_PLATFORM_EXISTS when its username is taken. */
export async function createPlatform(
  db: Db,
  clock: Clock,
  input: PlatformInput,
  who: Actor,
): Promise<PlatformRow> {
  const c = checkPlatform(input);
  if (!c.ok) throw new LantianError(c.code, `${c.field}: ${c.detail}`);
  const p = c.platform;
  const passwordHash = await hashPassword(p.password);
  const now = clock.now();
  const id = await db.kysely.transaction().execute(async (trx) => {
    if (await findPlatform(trx, p.username))
      throw new LantianError('LT_ERR_TRUCK_PLATFORM_EXISTS', p.username);
    if (!(await regionExists(trx, p.region)))
      throw new LantianError('LT_ERR_REGION_NOT_FOUND', `region: ${p.region}`);
    const newId = await insertPlatform(
      trx,
      { name: p.name, username: p.username, passwordHash, region: p.region, createdBy: who.actor },
      now,
    );
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'truck.platform.create',
      target: `truck-platform:${newId}`,
      detail: { name: p.name, username: p.username, region: p.region },
    });
    return newId;
  });
  return (await findPlatform(db.kysely, id))!;
}

/** Enables or disables a platform (by id or username); a disabled platform's login is refused. */
export async function changePlatformEnabled(
  db: Db,
  clock: Clock,
  key: number | string,
  enabled: boolean,
  who: Actor,
): Promise<PlatformRow> {
  const now = clock.now();
  const id = await db.kysely.transaction().execute(async (trx) => {
    const p = await findPlatform(trx, key);
    if (!p) throw new LantianError('LT_ERR_TRUCK_PLATFORM_NOT_FOUND', String(key));
    await setPlatformEnabled(trx, p.id, enabled, now);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: enabled ? 'truck.platform.enable' : 'truck.platform.disable',
      target: `truck-platform:${p.id}`,
      detail: { username: p.username },
    });
    return p.id;
  });
  return (await findPlatform(db.kysely, id))!;
}

/** Every registered platform. */
export async function platforms(db: Db): Promise<PlatformRow[]> {
  return listPlatforms(db.kysely);
}
