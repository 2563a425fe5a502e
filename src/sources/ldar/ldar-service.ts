/**
 * LDAR survey rounds of an enterprise (泄漏检测与修复): entered by the enterprise itself or by the
 * city office and the bureau, read by its county too (src/sources/enterprise-scope.ts); every change
 * audited. The city list sums each enterprise's rounds with the repair rates of
 * docs/standards/sub-metering-ldar.md §2.2.
 */
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import { admits, enterpriseVisibility } from '../enterprise-scope.ts';
import { writableEnterprise, type EnterpriseRef } from '../power/enterprise-ref.ts';
import { visibleEnterprise } from '../registry/registry-access.ts';
import {
  allRounds,
  deleteRound,
  findRound,
  ldarEnterprises,
  listRounds,
  saveRound,
  type RoundColumns,
  type RoundRow,
} from './ldar-repo.ts';
import {
  checkRound,
  repairRates,
  totalsOf,
  type RoundInput,
  type RoundTotals,
} from './rules/ldar-rules.ts';

/** A round as the API shows it. */
export type RoundView = RoundInput & {
  notes: string | null;
  repairRate: number | null;
  onTimeRate: number | null;
};

/** Totals of rounds with their rates. */
export type RoundSummary = RoundTotals & { repairRate: number | null; onTimeRate: number | null };

/** The input form of a stored round. */
export function roundInput(r: RoundRow): RoundInput & { notes: string | null } {
  return {
    year: r.year,
    round: r.round,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    components: r.components,
    leaks: r.leaks,
    repairedOnTime: r.repaired_on_time,
    repairedLate: r.repaired_late,
    unrepaired: r.unrepaired,
    notes: r.notes,
  };
}

function roundView(r: RoundRow): RoundView {
  const i = roundInput(r);
  return { ...i, ...repairRates(totalsOf([i])) };
}

/** Totals and rates of some rounds. */
export function summaryOf(rounds: ReadonlyArray<RoundInput>): RoundSummary {
  const t = totalsOf(rounds);
  return { ...t, ...repairRates(t) };
}

/** A round checked, as columns; LT_ERR_BAD_LDAR_ROUND names the field at fault. */
export function roundColumns(input: RoundInput): RoundColumns {
  const c = checkRound(input);
  if (!c.ok) throw new LantianError(c.code, `${c.field}: ${c.detail}`, { field: c.field });
  const r = c.round;
  return {
    year: r.year,
    round: r.round,
    period_from: r.periodFrom,
    period_to: r.periodTo,
    components: r.components,
    leaks: r.leaks,
    repaired_on_time: r.repairedOnTime,
    repaired_late: r.repairedLate,
    unrepaired: r.unrepaired,
    notes: r.notes,
  };
}

async function audit(
  k: Kysely<DatabaseSchema>,
  now: number,
  who: ActorContext,
  action: string,
  e: EnterpriseRef,
  year: number,
  round: number,
  detail: unknown,
): Promise<void> {
  await recordAudit(k, now, {
    actor: who.actor,
    ip: who.ip ?? null,
    action,
    target: `ldar:${e.credit_code}/${year}-${round}`,
    detail,
  });
}

/** An enterprise's rounds (of one year, when given) and their summary. */
export async function enterpriseLdar(
  db: Db,
  p: Principal,
  creditCode: string,
  year?: number,
): Promise<{
  enterprise: { code: string; name: string };
  rounds: RoundView[];
  summary: RoundSummary;
}> {
  const e = await visibleEnterprise(db, p, creditCode);
  const rows = await listRounds(db.kysely, e.id, year);
  return {
    enterprise: { code: e.credit_code, name: e.name },
    rounds: rows.map(roundView),
    summary: summaryOf(rows.map(roundInput)),
  };
}

/** Enters a round; LT_ERR_LDAR_ROUND_EXISTS when the year's round is there already. */
export async function createRound(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  input: RoundInput,
): Promise<RoundView> {
  const e = await writableEnterprise(db, p, creditCode, true);
  const cols = roundColumns(input);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    if (await findRound(trx, e.id, cols.year, cols.round))
      throw new LantianError('LT_ERR_LDAR_ROUND_EXISTS', `${cols.year} 年第 ${cols.round} 轮`);
    await saveRound(trx, e.id, cols, now);
    await audit(trx, now, who, 'ldar.round.create', e, cols.year, cols.round, input);
  });
  return roundView((await findRound(db.kysely, e.id, cols.year, cols.round))!);
}

async function mustFind(
  k: Kysely<DatabaseSchema>,
  e: EnterpriseRef,
  year: number,
  round: number,
): Promise<RoundRow> {
  const r = await findRound(k, e.id, year, round);
  if (!r) throw new LantianError('LT_ERR_LDAR_ROUND_NOT_FOUND', `${year} 年第 ${round} 轮`);
  return r;
}

/** Changes a round: the fields given replace the stored ones (year and round stay). */
export async function changeRound(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  year: number,
  round: number,
  patch: Partial<Omit<RoundInput, 'year' | 'round'>>,
): Promise<RoundView> {
  const e = await writableEnterprise(db, p, creditCode, true);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const before = roundInput(await mustFind(trx, e, year, round));
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const cols = roundColumns({ ...before, ...defined, year, round });
    await saveRound(trx, e.id, cols, now);
    await audit(trx, now, who, 'ldar.round.update', e, year, round, { before, after: defined });
  });
  return roundView((await findRound(db.kysely, e.id, year, round))!);
}

/** Removes a round. */
export async function removeRound(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  creditCode: string,
  year: number,
  round: number,
): Promise<void> {
  const e = await writableEnterprise(db, p, creditCode, true);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    const before = await mustFind(trx, e, year, round);
    await deleteRound(trx, before.id);
    await audit(trx, now, who, 'ldar.round.delete', e, year, round, roundInput(before));
  });
}

/** One enterprise of the city list. */
export interface LdarListEntry {
  code: string;
  name: string;
  regionAdcode: string;
  summary: RoundSummary;
}

/**
 * Every enterprise the principal may see that is in the plan's LDAR category or has rounds, with
 * its rounds summed (of one year, when given); enterprises without a round show zero rounds.
 */
export async function ldarList(db: Db, p: Principal, year?: number): Promise<LdarListEntry[]> {
  const v = await enterpriseVisibility(db, p);
  const rounds = await allRounds(db.kysely, year);
  const entries = new Map<string, LdarListEntry & { inputs: RoundInput[] }>();
  const entry = (code: string, name: string, region: string) => {
    const found = entries.get(code);
    if (found) return found;
    const made = { code, name, regionAdcode: region, summary: summaryOf([]), inputs: [] };
    entries.set(code, made);
    return made;
  };
  for (const e of await ldarEnterprises(db.kysely))
    if (admits(v, e)) entry(e.credit_code, e.name, e.region_adcode);
  for (const r of rounds)
    if (admits(v, r))
      entry(r.credit_code, r.enterprise_name, r.region_adcode).inputs.push(roundInput(r));
  return [...entries.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map(({ inputs, ...e }) => ({ ...e, summary: summaryOf(inputs) }));
}

/** Rounds visible to the principal, with their enterprise (for the export). */
export async function visibleRounds(db: Db, p: Principal, year?: number) {
  const v = await enterpriseVisibility(db, p);
  return (await allRounds(db.kysely, year)).filter((r) => admits(v, r));
}
