/**
 * Registering gates (city office, or a county for its own enterprises), rotating a gate's
 * credential (shown once, stored as its hash) and listing the gates a principal sees. Audited.
 */
import type { z } from 'zod';
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import { hashSecret } from '../auth/secret-token.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { gateScope, scopeAdmits } from './gate-access.ts';
import { credentialHint, newGateCredential } from './gate-credential.ts';
import { insertGate, listGates, setGateToken, type GateListRow } from './gate-repo.ts';
import type { GateIn, GateOut } from './schema.ts';

type Out = z.output<typeof GateOut>;

/** A gate row as the API shows it. */
export function gateView(g: GateListRow): Out {
  return {
    id: Number(g.id),
    enterpriseId: Number(g.enterprise_id),
    enterpriseName: g.enterprise_name,
    creditCode: g.credit_code,
    county: g.region_adcode,
    name: g.name,
    direction: g.direction,
    lon: g.lon === null ? null : Number(g.lon),
    lat: g.lat === null ? null : Number(g.lat),
    tokenHint: g.token_hint,
    enabled: g.enabled === 1,
    expectedHours: JSON.parse(g.expected_hours) as number[],
    createdAt: Number(g.created_at),
    lastSeenAt: g.last_seen_at === null ? null : Number(g.last_seen_at),
  };
}

/** The gates a principal sees. */
export async function gatesFor(db: Db, p: Principal): Promise<Out[]> {
  return (await listGates(db.kysely, await gateScope(db, p))).map(gateView);
}

/** One gate the principal sees, or LT_ERR_GATE_NOT_FOUND. */
async function visibleGate(db: Db, p: Principal, id: number): Promise<GateListRow> {
  const [g] = await listGates(db.kysely, { ...(await gateScope(db, p)), id });
  if (!g) throw new LantianError('LT_ERR_GATE_NOT_FOUND', String(id));
  return g;
}

/** Registers a gate for an enterprise the officer sees; answers its credential once. */
export async function registerGate(
  db: Db,
  clock: Clock,
  p: Principal,
  actor: ActorContext,
  body: z.output<typeof GateIn>,
): Promise<{ gate: Out; credential: string }> {
  const what = body.enterpriseId ?? body.creditCode;
  if (what === undefined)
    throw new LantianError('LT_ERR_GATE_BAD_INPUT', '请指明企业（enterpriseId 或 creditCode）');
  const q = db.kysely
    .selectFrom('enterprises')
    .select(['id', 'credit_code', 'region_adcode', 'name']);
  const e = await (
    body.enterpriseId !== undefined
      ? q.where('id', '=', body.enterpriseId)
      : q.where('credit_code', '=', body.creditCode!)
  ).executeTakeFirst();
  if (!e || !scopeAdmits(await gateScope(db, p), e))
    throw new LantianError('LT_ERR_GATE_BAD_INPUT', `企业 ${what} 不存在或不在管辖范围内`);
  if (body.expectedHours[0] >= body.expectedHours[1])
    throw new LantianError('LT_ERR_GATE_BAD_INPUT', 'expectedHours：起始须早于结束');
  const credential = newGateCredential();
  const now = clock.now();
  const id = await insertGate(db.kysely, {
    enterprise_id: Number(e.id),
    name: body.name,
    direction: body.direction,
    lon: body.lon ?? null,
    lat: body.lat ?? null,
    token_hash: hashSecret(credential),
    token_hint: credentialHint(credential),
    enabled: 1,
    expected_hours: JSON.stringify(body.expectedHours),
    created_by: actor.actor,
    created_at: now,
    updated_at: now,
    last_seen_at: null,
  });
  await recordAudit(db, now, {
    actor: actor.actor,
    action: 'gates.register',
    target: `gate:${id}`,
    detail: { enterpriseId: Number(e.id), name: body.name },
    ip: actor.ip ?? null,
  });
  return { gate: gateView(await visibleGate(db, p, id)), credential };
}

/** Gives a gate a new credential (the old one stops working at once). */
export async function rotateGateCredential(
  db: Db,
  clock: Clock,
  p: Principal,
  actor: ActorContext,
  id: number,
): Promise<{ gate: Out; credential: string }> {
  await visibleGate(db, p, id);
  const credential = newGateCredential();
  const now = clock.now();
  await setGateToken(db.kysely, id, hashSecret(credential), credentialHint(credential), now);
  await recordAudit(db, now, {
    actor: actor.actor,
    action: 'gates.rotate-credential',
    target: `gate:${id}`,
    detail: null,
    ip: actor.ip ?? null,
  });
  return { gate: gateView(await visibleGate(db, p, id)), credential };
}
