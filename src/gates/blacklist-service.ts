/**
 * The blacklist (黑名单, Handan 2020 plan 三.5: remote input of blacklisted vehicles): the city
 * office and counties add vehicles by plate and/or VIN with a reason and a source; each change is
 * logged, the log's latest id being the version gates compare (ETag). A county removes only what
 * its own region added. Audited.
 */
import type { z } from 'zod';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import {
  addBlacklistEntry,
  blacklistVersion,
  findBlacklistEntry,
  listBlacklist,
  removeBlacklistEntry,
  type BlacklistRow,
} from './blacklist-repo.ts';
import { officerRegion } from './gate-access.ts';
import type { BlacklistEntry, BlacklistIn, BlacklistOut } from './schema.ts';

const norm = (s: string | null | undefined): string | null => {
  const v = s?.replace(/\s+/g, '').toUpperCase();
  return v ? v : null;
};

function entryView(r: BlacklistRow): z.output<typeof BlacklistEntry> {
  return {
    id: Number(r.id),
    plate: r.plate,
    vin: r.vin,
    reason: r.reason,
    source: r.source,
    region: r.region_adcode,
    addedBy: r.added_by,
    addedAt: Number(r.added_at),
    removedBy: r.removed_by,
    removedAt: r.removed_at === null ? null : Number(r.removed_at),
  };
}

/** The blacklist with its version (removed entries too when asked). */
export async function blacklistFor(
  db: Db,
  withRemoved: boolean,
): Promise<z.output<typeof BlacklistOut>> {
  return {
    version: await blacklistVersion(db.kysely),
    entries: (await listBlacklist(db.kysely, withRemoved)).map(entryView),
  };
}

/** Adds a vehicle. */
export async function addToBlacklist(
  db: Db,
  clock: Clock,
  p: Principal,
  actor: ActorContext,
  body: z.output<typeof BlacklistIn>,
): Promise<z.output<typeof BlacklistEntry>> {
  const plate = norm(body.plate);
  const vin = norm(body.vin);
  if (!plate && !vin) throw new LantianError('LT_ERR_GATE_BAD_INPUT', '车牌号和 VIN 至少填一项');
  if (vin && !/^[A-HJ-NPR-Z0-9]{17}$/.test(vin))
    throw new LantianError('LT_ERR_GATE_BAD_INPUT', `VIN ${vin} 应为 17 位（不含 I、O、Q）`);
  const now = clock.now();
  const id = await addBlacklistEntry(db.kysely, {
    plate,
    vin,
    reason: body.reason,
    source: body.source,
    region_adcode: await officerRegion(db, p),
    added_by: actor.actor,
    added_at: now,
    removed_by: null,
    removed_at: null,
  });
  await recordAudit(db, now, {
    actor: actor.actor,
    action: 'gates.blacklist-add',
    target: `gate-blacklist:${id}`,
    detail: { plate, vin, source: body.source },
    ip: actor.ip ?? null,
  });
  return entryView((await findBlacklistEntry(db.kysely, id))!);
}

/** Removes a vehicle (the row stays, marked removed). */
export async function removeFromBlacklist(
  db: Db,
  clock: Clock,
  p: Principal,
  actor: ActorContext,
  id: number,
): Promise<z.output<typeof BlacklistEntry>> {
  const e = await findBlacklistEntry(db.kysely, id);
  const mine = p.role === 'city-admin' || (e && e.region_adcode === p.regionAdcode);
  if (!e || e.removed_at !== null || !mine)
    throw new LantianError('LT_ERR_GATE_BLACKLIST_NOT_FOUND', String(id));
  const now = clock.now();
  await removeBlacklistEntry(db.kysely, id, actor.actor, now);
  await recordAudit(db, now, {
    actor: actor.actor,
    action: 'gates.blacklist-remove',
    target: `gate-blacklist:${id}`,
    detail: { plate: e.plate, vin: e.vin },
    ip: actor.ip ?? null,
  });
  return entryView((await findBlacklistEntry(db.kysely, id))!);
}
