/**
 * Registrations (编码登记) one by one: create (the code issued by Lantian when none is given),
 * read, list, change, delete, nameplate photos. A county registers, sees and changes the machines
 * of its own region only; the machine's county is its site's county, else the one given.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { findRegion } from '../air/region-repo.ts';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import {
  codesWithPrefix,
  deleteMachine,
  findMachine,
  findMachineByCode,
  findPhoto,
  insertMachine,
  insertPhoto,
  listMachines,
  updateMachine,
  type MachineRow,
} from './machine-repo.ts';
import { machineViews, photoView } from './machine-view.ts';
import type { MachineryConfig } from './machinery-config.ts';
import { assertMachineryScope, listedRegions } from './machinery-scope.ts';
import { findInspection } from './inspection-repo.ts';
import { storePhotos, type UploadedPhoto } from './photo-store.ts';
import { findSite } from './place-repo.ts';
import { checkMachine, type MachineInput, type ValidMachine } from './rules/machine-input.ts';
import {
  issuedCode,
  issuedCodePrefix,
  normaliseCode,
  serialOf,
} from './rules/registration-code.ts';
import type { MachineBody, MachineOut, MachinesQuery, PhotosOut } from './schema.ts';

type Machine = z.output<typeof MachineOut>;
type K = Kysely<DatabaseSchema>;

/** The year of an instant in Beijing time. */
export function beijingYear(t: number): number {
  return new Date(t + 8 * 3_600_000).getUTCFullYear();
}

/** The API body as the strings the shared check reads. */
function inputOf(b: z.output<typeof MachineBody>): MachineInput {
  return {
    code: b.code ?? '',
    ownerName: b.ownerName,
    ownerIdNo: b.ownerIdNo,
    ownerPhone: b.ownerPhone,
    machineType: b.machineType,
    emissionStage: b.emissionStage,
    engineModel: b.engineModel,
    engineNumber: b.engineNumber,
    manufactureYear: b.manufactureYear == null ? '' : String(b.manufactureYear),
    siteId: b.siteId == null ? '' : String(b.siteId),
    regionAdcode: b.regionAdcode ?? '',
  };
}

/** Checks a body; LT_ERR_MACHINERY_BAD_INPUT / _BAD_CODE naming the first field at fault. */
function validOf(b: z.output<typeof MachineBody>, now: number): ValidMachine {
  const c = checkMachine(inputOf(b), beijingYear(now));
  if (!c.ok) {
    const first = c.issues[0]!;
    throw new LantianError(first.code, first.detail, { field: first.field, issues: c.issues });
  }
  return c.value;
}

/** The county of a registration: its site's (which must exist), else the one given (must exist). */
export async function countyOf(db: Db | K, v: ValidMachine): Promise<string> {
  const k = 'kysely' in db ? db.kysely : db;
  if (v.siteId !== null) {
    const site = await findSite(k, v.siteId);
    if (!site) throw new LantianError('LT_ERR_MACHINERY_SITE_NOT_FOUND', `场所 ${v.siteId}`);
    return site.region_adcode;
  }
  return v.regionAdcode!;
}

async function assertRegion(db: Db, adcode: string): Promise<void> {
  if (!(await findRegion(db, adcode)))
    throw new LantianError('LT_ERR_REGION_NOT_FOUND', `区县代码 ${adcode}`);
}

/** The next code Lantian issues in a county (inside the caller's transaction). */
export async function nextIssuedCode(k: K, adcode: string, now: number): Promise<string> {
  const year = beijingYear(now);
  const prefix = issuedCodePrefix(adcode, year);
  const serials = (await codesWithPrefix(k, prefix)).map((c) => serialOf(c, prefix) ?? 0);
  return issuedCode(adcode, year, Math.max(0, ...serials) + 1);
}

/** The row fields of a checked registration. */
export function machineFields(v: ValidMachine, region: string, now: number) {
  return {
    owner_name: v.ownerName,
    owner_id_no: v.ownerIdNo,
    owner_phone: v.ownerPhone,
    machine_type: v.machineType,
    emission_stage: v.emissionStage,
    engine_model: v.engineModel,
    engine_number: v.engineNumber,
    manufacture_year: v.manufactureYear,
    site_id: v.siteId,
    region_adcode: region,
    updated_at: now,
  };
}

async function viewOf(db: Db, row: MachineRow): Promise<Machine> {
  return (await machineViews(db.kysely, [row]))[0]!;
}

/** A machine the principal may see, by id. */
async function visibleMachine(db: Db, p: Principal, id: number): Promise<MachineRow> {
  const row = await findMachine(db.kysely, id);
  if (!row) throw new LantianError('LT_ERR_MACHINERY_NOT_FOUND', `编号 ${id}`);
  await assertMachineryScope(db, p, row.region_adcode, `机械 ${row.code}`);
  return row;
}

/** Registers a machine. */
export async function createMachine(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  body: z.output<typeof MachineBody>,
): Promise<Machine> {
  const now = clock.now();
  const v = validOf(body, now);
  const region = await countyOf(db, v);
  await assertRegion(db, region);
  await assertMachineryScope(db, p, region, `行政区 ${region}`);
  const id = await db.kysely.transaction().execute(async (trx) => {
    if (v.code !== undefined && (await findMachineByCode(trx, v.code)))
      throw new LantianError('LT_ERR_MACHINERY_CODE_EXISTS', v.code);
    const code = v.code ?? (await nextIssuedCode(trx, region, now));
    const newId = await insertMachine(trx, {
      ...machineFields(v, region, now),
      code,
      code_origin: v.code === undefined ? 'issued' : 'imported',
      created_by: who.actor,
      created_at: now,
    });
    await recordAudit(trx, now, {
      ...who,
      action: 'machinery.register',
      target: code,
      detail: { region, stage: v.emissionStage, issued: v.code === undefined },
    });
    return newId;
  });
  return viewOf(db, (await findMachine(db.kysely, id))!);
}

/** Changes a registration (the code stays). */
export async function changeMachine(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  id: number,
  body: z.output<typeof MachineBody>,
): Promise<Machine> {
  const row = await visibleMachine(db, p, id);
  const now = clock.now();
  const v = validOf({ ...body, code: undefined }, now);
  const region = await countyOf(db, v);
  await assertRegion(db, region);
  await assertMachineryScope(db, p, region, `行政区 ${region}`);
  await db.kysely.transaction().execute(async (trx) => {
    await updateMachine(trx, id, machineFields(v, region, now));
    await recordAudit(trx, now, { ...who, action: 'machinery.update', target: row.code });
  });
  return viewOf(db, (await findMachine(db.kysely, id))!);
}

/** Deletes a registration. */
export async function removeMachine(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  id: number,
): Promise<void> {
  const row = await visibleMachine(db, p, id);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await deleteMachine(trx, id);
    await recordAudit(trx, now, { ...who, action: 'machinery.delete', target: row.code });
  });
}

/** One machine by id. */
export async function machineById(db: Db, p: Principal, id: number): Promise<Machine> {
  return viewOf(db, await visibleMachine(db, p, id));
}

/** One machine by registration code (what the field page scans or types). */
export async function machineByCode(db: Db, p: Principal, code: string): Promise<Machine> {
  const c = normaliseCode(code);
  if (!c) throw new LantianError('LT_ERR_MACHINERY_BAD_CODE', code.slice(0, 40));
  const row = await findMachineByCode(db.kysely, c);
  if (!row) throw new LantianError('LT_ERR_MACHINERY_NOT_FOUND', `登记编码 ${c}`);
  await assertMachineryScope(db, p, row.region_adcode, `机械 ${row.code}`);
  return viewOf(db, row);
}

/** The machines the principal may see. */
export async function machineList(
  db: Db,
  p: Principal,
  q: z.output<typeof MachinesQuery>,
): Promise<{ items: Machine[]; total: number }> {
  const rows = await listMachines(db.kysely, await listedRegions(db, p, q.county), q);
  return { items: await machineViews(db.kysely, rows), total: rows.length };
}

/** Adds nameplate (or engine, label) photos to a machine. */
export async function addMachinePhotos(
  db: Db,
  clock: Clock,
  cfg: MachineryConfig,
  blobs: BlobStore,
  p: Principal,
  who: ActorContext,
  id: number,
  kind: string,
  files: readonly UploadedPhoto[],
): Promise<z.output<typeof PhotosOut>> {
  const row = await visibleMachine(db, p, id);
  if (files.length === 0) throw new LantianError('LT_ERR_BAD_REQUEST', '请求中没有照片');
  const stored = await storePhotos(blobs, cfg, files);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    for (const s of stored)
      await insertPhoto(trx, {
        machine_id: id,
        inspection_id: null,
        kind,
        sha256: s.sha256,
        filename: s.filename,
        media_type: s.mediaType,
        size: s.size,
        uploaded_by: who.actor,
        uploaded_at: now,
      });
    await recordAudit(trx, now, {
      ...who,
      action: 'machinery.photo',
      target: row.code,
      detail: { kind, files: stored.map((s) => s.filename) },
    });
  });
  return { photos: (await viewOf(db, row)).photos };
}

/** A photo's bytes, if the principal may see its machine or check. */
export async function photoContent(
  db: Db,
  blobs: BlobStore,
  p: Principal,
  id: number,
): Promise<{ data: Buffer; mediaType: string; filename: string }> {
  const photo = await findPhoto(db.kysely, id);
  if (!photo) throw new LantianError('LT_ERR_MACHINERY_PHOTO_NOT_FOUND', `编号 ${id}`);
  const owner =
    photo.machine_id !== null
      ? await findMachine(db.kysely, photo.machine_id)
      : await findInspection(db.kysely, photo.inspection_id ?? 0);
  if (!owner) throw new LantianError('LT_ERR_MACHINERY_PHOTO_NOT_FOUND', `编号 ${id}`);
  await assertMachineryScope(db, p, owner.region_adcode, `照片 ${id}`);
  const data = await blobs.get(photo.sha256);
  if (!data) throw new LantianError('LT_ERR_MACHINERY_PHOTO_NOT_FOUND', `编号 ${id}`);
  return { data, mediaType: photo.media_type, filename: photoView(photo).filename };
}
