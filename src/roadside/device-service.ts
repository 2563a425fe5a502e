/**
 * Registering remote-sensing stations, black-smoke cameras and roadside check teams (the city
 * office does it, with county and location) and listing them. Each device gets its own bearer
 * secret, shown once and stored as its SHA-256 (src/auth/secret-token.ts).
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import { hashSecret, newApiToken, tokenHint } from '../auth/secret-token.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { deviceByCode, insertDevice } from './roadside-repo.ts';
import { visibleDevices } from './roadside-scope.ts';
import { DEVICE_KINDS, type DeviceKind } from './rules/failure-events.ts';

/** A device as given at registration. */
export interface DeviceInput {
  code: string;
  name: string;
  kind: string;
  region: string;
  location: string;
  lon?: number | null | undefined;
  lat?: number | null | undefined;
}

/** A device as the API shows it. */
export interface DeviceView {
  code: string;
  name: string;
  kind: DeviceKind;
  region: string;
  regionName: string | null;
  location: string;
  lon: number | null;
  lat: number | null;
  tokenHint: string;
  createdAt: number;
}

const DEVICE_TOKEN_PREFIX = 'ltd_';

async function regionNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.kysely.selectFrom('regions').select(['adcode', 'name']).execute();
  return new Map(rows.map((r) => [r.adcode, r.name]));
}

/** Registers a device; returns it with its secret (the only time the secret is shown). */
export async function registerDevice(
  db: Db,
  clock: Clock,
  who: ActorContext,
  input: DeviceInput,
): Promise<{ device: DeviceView; token: string }> {
  const code = input.code.trim();
  const bad = (d: string) => new LantianError('LT_ERR_ROADSIDE_BAD_DEVICE', d);
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(code))
    throw bad('设备编号应为 1–32 位字母、数字、下划线或连字符');
  if (!(DEVICE_KINDS as readonly string[]).includes(input.kind))
    throw bad(`类型应为 ${DEVICE_KINDS.join('、')} 之一`);
  const names = await regionNames(db);
  if (!names.has(input.region)) throw bad(`行政区划 ${input.region} 未登记`);
  if (input.name.trim() === '' || input.location.trim() === '') throw bad('名称和位置不能为空');
  if (await deviceByCode(db.kysely, code))
    throw new LantianError('LT_ERR_ROADSIDE_DEVICE_EXISTS', code);
  const token = DEVICE_TOKEN_PREFIX + newApiToken().slice(3);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await insertDevice(trx, {
      code,
      name: input.name.trim(),
      kind: input.kind,
      region_adcode: input.region,
      location: input.location.trim(),
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      token_hash: hashSecret(token),
      token_hint: tokenHint(token),
      created_by: who.actor,
      created_at: now,
    });
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'roadside.device.create',
      target: `roadside-device:${code}`,
      detail: { kind: input.kind, region: input.region },
    });
  });
  const device = (await listDevices(db, null)).find((d) => d.code === code)!;
  return { device, token };
}

/** The devices a principal sees (null: all). */
export async function listDevices(db: Db, p: Principal | null): Promise<DeviceView[]> {
  const rows = p
    ? await visibleDevices(db, p)
    : await db.kysely.selectFrom('roadside_devices').selectAll().orderBy('code').execute();
  const names = await regionNames(db);
  return rows.map((d) => ({
    code: d.code,
    name: d.name,
    kind: d.kind as DeviceKind,
    region: d.region_adcode,
    regionName: names.get(d.region_adcode) ?? null,
    location: d.location,
    lon: d.lon,
    lat: d.lat,
    tokenHint: d.token_hint,
    createdAt: Number(d.created_at),
  }));
}
