/**
 * Permitted emission amounts (许可排放量) of an enterprise or one of its outlets, per pollutant and
 * year, against which the CEMS emission amounts are shown. Audited (`emission_permit.set`).
 */
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { assertEnterpriseScope } from '../enterprise-scope.ts';
import { enterpriseByCode, outletOfEnterprise, upsertEmissionPermit } from './cems-repo.ts';

/** A permitted amount to set. */
export interface PermitInput {
  pollutant: string;
  year: number;
  permittedKg: number;
  basis: string;
  outletCode?: string | undefined;
}

/** Sets a permitted amount of an enterprise (or of one of its outlets). */
export async function setEmissionPermit(
  db: Db,
  p: Principal,
  code: string,
  input: PermitInput,
  now: number,
  who: ActorContext,
): Promise<void> {
  const e = await enterpriseByCode(db, code);
  if (e === undefined) throw new LantianError('LT_ERR_ENTERPRISE_NOT_FOUND', code);
  await assertEnterpriseScope(db, p, e);
  if (!/^[a-z]\d{5}$/.test(input.pollutant))
    throw new LantianError('LT_ERR_BAD_REQUEST', `污染物编码 "${input.pollutant}"（应如 a21002）`);
  if (input.year < 2000 || input.year > 2100)
    throw new LantianError('LT_ERR_BAD_REQUEST', `年度 ${input.year}（应在 2000–2100 之间）`);
  const outletCode = input.outletCode ?? '';
  if (outletCode !== '') {
    if ((await outletOfEnterprise(db, e.id, outletCode)) === undefined)
      throw new LantianError('LT_ERR_OUTLET_NOT_FOUND', outletCode);
  }
  await db.kysely.transaction().execute(async (trx) => {
    await upsertEmissionPermit(trx, {
      enterprise_id: e.id,
      outlet_code: outletCode,
      pollutant: input.pollutant,
      year: input.year,
      permitted_kg: input.permittedKg,
      basis: input.basis,
      updated_at: now,
    });
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'emission_permit.set',
      target: `enterprise:${e.credit_code}`,
      detail: { ...input, outletCode },
    });
  });
}
