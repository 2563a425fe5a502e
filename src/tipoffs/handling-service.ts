/**
 * Handling a report: triage by the city office (to the county the location suggests, to the
 * department of the category, or not accepted), on-site verification with photos and the reply
 * to the reporter by whoever it was assigned to, the reward (proposed by the rule, approved or
 * refused by the city office), and publication on the exposure board. Every step is audited and
 * written to the case's timeline.
 */
import type { ActorContext } from '../audit/actor.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { z } from 'zod';
import { CATEGORY_NAMES, type TipoffCategory } from './rules/categories.ts';
import { checkReportFile, REPORT_MEDIA_TYPES } from './rules/media-check.ts';
import { rewardFor } from './rules/reward-rule.ts';
import type { PublicationBody, RewardDecisionBody, TriageBody, VerifyForm } from './schema.ts';
import type { TipoffConfig } from './tipoff-config.ts';
import { addEvent, findTipoff, insertFiles, updateTipoff, type TipoffRow } from './tipoff-repo.ts';
import { assertHandles } from './tipoff-scope.ts';

const DAY_MS = 86_400_000;

/** What handling needs. */
export interface HandlingDeps {
  db: Db;
  clock: Clock;
  config: TipoffConfig;
  blobs: BlobStore;
}

/** The acting account. */
export interface TipoffActor {
  principal: Principal;
  ctx: ActorContext;
}

async function loadFor(d: HandlingDeps, who: TipoffActor, id: number): Promise<TipoffRow> {
  return assertHandles(who.principal, await findTipoff(d.db.kysely, id));
}

function needStatus(row: TipoffRow, ...allowed: string[]): void {
  if (!allowed.includes(row.status))
    throw new LantianError('LT_ERR_TIPOFF_STATE', `当前状态为 ${row.status}`);
}

async function step(
  d: HandlingDeps,
  who: TipoffActor,
  row: TipoffRow,
  action: string,
  patch: Parameters<typeof updateTipoff>[2],
  note: string | null,
  detail: Record<string, unknown>,
): Promise<void> {
  const now = d.clock.now();
  await d.db.kysely.transaction().execute(async (trx) => {
    await updateTipoff(trx, row.id, { ...patch, updated_at: now });
    await addEvent(trx, row.id, now, who.ctx.actor, action, note);
    await recordAudit(trx, now, {
      ...who.ctx,
      action: `tipoff.${action}`,
      target: `tipoff:${row.id}`,
      detail,
    });
  });
}

/** Triage by the city office (tipoff.assigned / tipoff.rejected). */
export async function triage(
  d: HandlingDeps,
  who: TipoffActor,
  id: number,
  b: z.output<typeof TriageBody>,
): Promise<void> {
  const row = await loadFor(d, who, id);
  needStatus(row, 'received', 'assigned');
  if (b.reject !== undefined) {
    needStatus(row, 'received');
    await step(
      d,
      who,
      row,
      'rejected',
      { status: 'rejected', reply: b.reject, handled_at: d.clock.now() },
      b.reject,
      {},
    );
    return;
  }
  const category = row.category as TipoffCategory;
  const days = b.deadlineDays ?? d.config.deadlineDays[category];
  const deadline = d.clock.now() + Math.round(days * DAY_MS);
  const to = b.county
    ? { county: b.county, department: null }
    : { county: null, department: b.department! };
  if (b.county) {
    const known = await d.db.kysely
      .selectFrom('regions')
      .select('adcode')
      .where('adcode', '=', b.county)
      .executeTakeFirst();
    if (!known) throw new LantianError('LT_ERR_TIPOFF_INPUT', `县区 ${b.county} 未登记`);
  }
  await step(
    d,
    who,
    row,
    'assigned',
    { ...to, status: 'assigned', deadline_at: deadline, escalated: 0 },
    `${to.county ?? to.department}，${days} 日内核查（${CATEGORY_NAMES[category]}）`,
    { ...to, deadlineAt: deadline, days },
  );
}

/** On-site verification with photos and the reply to the reporter (tipoff.handled). */
export async function verify(
  d: HandlingDeps,
  who: TipoffActor,
  id: number,
  f: z.output<typeof VerifyForm>,
  files: readonly Buffer[],
): Promise<void> {
  const row = await loadFor(d, who, id);
  needStatus(row, 'assigned');
  const checked = files.map((data, i) => {
    const r = checkReportFile(data, `第 ${i + 1} 个文件`, d.config);
    if ('problem' in r)
      throw new LantianError(
        r.kind === 'type' ? 'LT_ERR_ATTACHMENT_TYPE' : 'LT_ERR_ATTACHMENT_TOO_LARGE',
        r.problem,
      );
    return { ...r, data };
  });
  const now = d.clock.now();
  const metas = [];
  for (const x of checked)
    metas.push(
      await d.blobs.put(x.data, x.filename, {
        maxBytes: Math.max(d.config.maxImageBytes, d.config.maxVideoBytes),
        allowedTypes: REPORT_MEDIA_TYPES,
      }),
    );
  await insertFiles(
    d.db.kysely,
    metas.map((m) => ({
      tipoff_id: id,
      stage: 'verification',
      sha256: m.sha256,
      media_type: m.mediaType,
      size: m.size,
      created_at: now,
    })),
  );
  await step(
    d,
    who,
    row,
    'handled',
    { status: 'handled', result: f.result, finding: f.finding, reply: f.reply, handled_at: now },
    f.finding,
    { result: f.result, photos: metas.length },
  );
}

/** Proposes the reward the rule gives (tipoff.reward_proposed). */
export async function proposeReward(d: HandlingDeps, who: TipoffActor, id: number): Promise<void> {
  const row = await loadFor(d, who, id);
  needStatus(row, 'handled');
  if (row.reward_status !== null) throw new LantianError('LT_ERR_TIPOFF_STATE', '已提出过奖励');
  const r = rewardFor(d.config.reward, {
    category: row.category as TipoffCategory,
    result: row.result,
    hasContact: row.contact_phone !== null,
  });
  if ('reason' in r) throw new LantianError('LT_ERR_TIPOFF_NO_REWARD', r.reason);
  await step(
    d,
    who,
    row,
    'reward_proposed',
    { reward_status: 'proposed', reward_amount: r.amount, reward_rule: r.edition },
    `${r.amount} 元（${r.edition}）`,
    { amount: r.amount, rule: r.edition },
  );
}

/** The city office approves or refuses a proposed reward (tipoff.reward_approved / _refused). */
export async function decideReward(
  d: HandlingDeps,
  who: TipoffActor,
  id: number,
  b: z.output<typeof RewardDecisionBody>,
): Promise<void> {
  if (who.principal.role !== 'city-admin')
    throw new LantianError('LT_ERR_FORBIDDEN', '奖励须经市大气办审批');
  const row = await loadFor(d, who, id);
  if (row.reward_status !== 'proposed')
    throw new LantianError('LT_ERR_TIPOFF_STATE', '没有待审批的奖励');
  const status = b.approve ? 'approved' : 'refused';
  await step(d, who, row, `reward_${status}`, { reward_status: status }, b.note ?? null, {
    amount: row.reward_amount,
    rule: row.reward_rule,
  });
}

/** Shows or withdraws a handled case on the exposure board (tipoff.published / _withdrawn). */
export async function setPublication(
  d: HandlingDeps,
  who: TipoffActor,
  id: number,
  b: z.output<typeof PublicationBody>,
): Promise<void> {
  const row = await loadFor(d, who, id);
  needStatus(row, 'handled');
  const now = d.clock.now();
  await step(
    d,
    who,
    row,
    b.published ? 'published' : 'withdrawn',
    {
      published: b.published ? 1 : 0,
      publish_photos: b.published && b.photos ? 1 : 0,
      published_at: b.published ? now : null,
    },
    null,
    { photos: b.photos },
  );
}
