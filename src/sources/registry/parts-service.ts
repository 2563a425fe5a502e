/**
 * Production lines and control facilities of an enterprise: register and change (writers only,
 * audited). Codes are unique within the enterprise.
 */
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { REGISTRY_CODE } from '../rules/outlet-input.ts';
import { FACILITY_KINDS, isCode } from '../rules/registry-codes.ts';
import type { EnterpriseListRow } from './enterprise-repo.ts';
import { detailOf } from './enterprise-service.ts';
import {
  facilityByCode,
  insertFacility,
  insertLine,
  lineByCode,
  updateFacility,
  updateLine,
} from './parts-repo.ts';
import { assertRegistryWriter, visibleEnterprise } from './registry-access.ts';
import type { EnterpriseDetailView } from './registry-views.ts';

/** A production line as a caller gives it. */
export interface LineInput {
  name?: string | undefined;
  process?: string | null | undefined;
  capacity?: string | null | undefined;
}

/** A control facility as a caller gives it. */
export interface FacilityInput {
  name?: string | undefined;
  kind?: string | undefined;
  line?: string | null | undefined;
}

const text = (s: string | null | undefined): string | null => s?.trim() || null;

function codeOf(code: string, what: string): string {
  const c = code.trim();
  if (!REGISTRY_CODE.test(c))
    throw new LantianError(
      'LT_ERR_BAD_OUTLET',
      `${what}编码 "${c}" 应为 1～64 个字符，不含空格和 / ? # % \\`,
    );
  return c;
}

async function writable(db: Db, p: Principal, code: string): Promise<EnterpriseListRow> {
  await assertRegistryWriter(db, p);
  return visibleEnterprise(db, p, code);
}

/** Adds (when `create`) or changes a line; answers the enterprise with its parts. */
export async function saveLine(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  code: string,
  lineCode: string,
  input: LineInput,
  create: boolean,
): Promise<EnterpriseDetailView> {
  const e = await writable(db, p, code);
  const c = codeOf(lineCode, '生产线');
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const before = await lineByCode(trx, e.id, c);
    if (create && before) throw new LantianError('LT_ERR_REGISTRY_CODE_EXISTS', `生产线 ${c}`);
    if (!create && !before) throw new LantianError('LT_ERR_REGISTRY_PART_NOT_FOUND', `生产线 ${c}`);
    const name = text(input.name) ?? before?.name ?? null;
    if (name === null) throw new LantianError('LT_ERR_BAD_OUTLET', '生产线名称不能为空');
    const row = {
      name,
      process: input.process === undefined ? (before?.process ?? null) : text(input.process),
      capacity: input.capacity === undefined ? (before?.capacity ?? null) : text(input.capacity),
      updated_at: now,
    };
    if (before) await updateLine(trx, before.id, row);
    else await insertLine(trx, { enterprise_id: e.id, code: c, ...row, created_at: now });
    await recordAudit(trx, now, {
      ...who,
      action: before ? 'enterprise.line.update' : 'enterprise.line.create',
      target: `enterprise:${e.credit_code}`,
      detail: { line: c, ...row },
    });
  });
  return detailOf(db.kysely, e);
}

/** Adds (when `create`) or changes a control facility; answers the enterprise with its parts. */
export async function saveFacility(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  code: string,
  facilityCode: string,
  input: FacilityInput,
  create: boolean,
): Promise<EnterpriseDetailView> {
  const e = await writable(db, p, code);
  const c = codeOf(facilityCode, '治污设施');
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const before = await facilityByCode(trx, e.id, c);
    if (create && before) throw new LantianError('LT_ERR_REGISTRY_CODE_EXISTS', `治污设施 ${c}`);
    if (!create && !before)
      throw new LantianError('LT_ERR_REGISTRY_PART_NOT_FOUND', `治污设施 ${c}`);
    const name = text(input.name) ?? before?.name ?? null;
    if (name === null) throw new LantianError('LT_ERR_BAD_OUTLET', '治污设施名称不能为空');
    const kind = input.kind?.trim() ?? before?.kind ?? 'other';
    if (!isCode(FACILITY_KINDS, kind))
      throw new LantianError(
        'LT_ERR_BAD_OUTLET',
        `治污设施类型 "${kind}" 应为 ${Object.keys(FACILITY_KINDS).join('、')}`,
      );
    let lineId = before?.line_id ?? null;
    if (input.line !== undefined) {
      const l = text(input.line);
      const line = l === null ? undefined : await lineByCode(trx, e.id, l);
      if (l !== null && !line)
        throw new LantianError('LT_ERR_REGISTRY_PART_NOT_FOUND', `生产线 ${l}`);
      lineId = line?.id ?? null;
    }
    const row = { name, kind, line_id: lineId, updated_at: now };
    if (before) await updateFacility(trx, before.id, row);
    else await insertFacility(trx, { enterprise_id: e.id, code: c, ...row, created_at: now });
    await recordAudit(trx, now, {
      ...who,
      action: before ? 'enterprise.facility.update' : 'enterprise.facility.create',
      target: `enterprise:${e.credit_code}`,
      detail: { facility: c, ...row },
    });
  });
  return detailOf(db.kysely, e);
}
