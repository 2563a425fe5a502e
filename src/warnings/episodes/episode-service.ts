/**
 * Warning episodes (docs/warnings.md, Episodes and notices): issue, upgrade, downgrade, extend and
 * lift, each decided by the pure lifecycle (src/standards/warning/warning-lifecycle.ts) against
 * the grading of the forecast version named in the request, under the 2024 discipline
 * (环大气〔2024〕6号: no warning without a forecast that meets it, unless overridden with a
 * reason). Every decision gets a notice number and is audited; counties and departments confirm
 * that they started their response.
 */
import type { Principal } from '../../auth/principal.ts';
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { listRegions } from '../../air/region-repo.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import {
  decideWarning,
  gradeForecast,
  levelRank,
  resolveWarningRules,
  warningSettingsFor,
  type ColouredLevel,
  type WarningConfig,
  type WarningGrade,
  type WarningRequest,
  type WarningState,
} from '../../standards/warning/index.ts';
import type { Db } from '../../store/db.ts';
import { loadForecastVersion } from '../forecasts/forecast-repo.ts';
import {
  assertWarningDecider,
  confirmingUnit,
  episodeRegions,
  seesRegion,
} from './episode-access.ts';
import {
  activeEpisodeOf,
  confirmationsOf,
  decisionsOf,
  findDecision,
  findEpisode,
  insertConfirmation,
  insertDecision,
  insertEpisode,
  listEpisodes,
  noticeNumbersWithHead,
  updateEpisode,
  type DecisionRow,
  type EpisodeRow,
  type EpisodeState,
} from './episode-repo.ts';
import { episodeView, type EpisodeView, type RegionNames } from './episode-views.ts';
import { noticeNumber, noticePrefixFor, noticeSeq, noticeYearHead } from './notice-number.ts';

/** What the episode services need. */
export interface EpisodeDeps {
  db: Db;
  clock: Clock;
  warningConfig: WarningConfig;
  noticePrefixes: Readonly<Record<string, string>>;
  /** Called after every stored decision (the public page's cache forgets its answer). */
  onChange?: () => void;
}

/** A request to decide, as the routes pass it. */
export interface DecideInput {
  action: WarningRequest['action'];
  level?: ColouredLevel | undefined;
  from?: string | undefined;
  to?: string | null | undefined;
  forecastVersionId: number | null;
  override?: { reason: string } | null | undefined;
}

/** Region names by adcode. */
export async function regionNames(db: Db): Promise<RegionNames> {
  return new Map((await listRegions(db)).map((r) => [r.adcode, r.name]));
}

/** Today in China (UTC+8), YYYY-MM-DD. */
function chinaToday(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

function stateOf(e: EpisodeRow | undefined): WarningState {
  if (!e || e.status !== 'active') return { status: 'none' };
  return {
    status: 'active',
    level: e.level as ColouredLevel,
    from: e.from_date,
    to: e.to_date,
    levelSince: e.level_since,
  };
}

/** The grading of the named forecast version of the region (null when none is named). */
async function gradingOf(
  deps: EpisodeDeps,
  region: string,
  versionId: number | null,
): Promise<WarningGrade | null> {
  if (versionId === null) return null;
  const v = await loadForecastVersion(deps.db.kysely, versionId);
  if (!v || v.region !== region)
    throw new LantianError(
      'LT_ERR_WARNING_FORECAST_UNKNOWN',
      `预报版本 ${versionId}${v ? ` 属于 ${v.region}` : ' 不存在'}`,
    );
  const settings = warningSettingsFor(deps.warningConfig, region);
  const resolved = resolveWarningRules(settings, v.forecast.issued ?? v.forecast.days[0]!.date);
  return gradeForecast(v.forecast, resolved);
}

async function nextNoticeNumber(
  deps: EpisodeDeps,
  trx: Parameters<typeof noticeNumbersWithHead>[0],
  region: string,
  now: number,
): Promise<string> {
  const prefix = noticePrefixFor(region, deps.noticePrefixes);
  const year = Number(chinaToday(now).slice(0, 4));
  const head = noticeYearHead(prefix, year);
  const used = (await noticeNumbersWithHead(trx, head)).map((n) => noticeSeq(head, n));
  return noticeNumber(prefix, year, Math.max(0, ...used.map((s) => s ?? 0)) + 1);
}

/** An episode the principal may see (LT_ERR_WARNING_EPISODE_NOT_FOUND otherwise). */
async function visibleEpisode(db: Db, p: Principal, id: number): Promise<EpisodeRow> {
  const e = await findEpisode(db.kysely, id);
  if (!e || !seesRegion(await episodeRegions(db, p), e.region_adcode))
    throw new LantianError('LT_ERR_WARNING_EPISODE_NOT_FOUND', String(id));
  return e;
}

/** A decision the principal may see, with its episode. */
export async function visibleDecision(
  db: Db,
  p: Principal,
  id: number,
): Promise<{ decision: DecisionRow; episode: EpisodeRow }> {
  const d = await findDecision(db.kysely, id);
  if (!d) throw new LantianError('LT_ERR_WARNING_DECISION_NOT_FOUND', String(id));
  const e = await findEpisode(db.kysely, d.episode_id);
  if (!e || !seesRegion(await episodeRegions(db, p), e.region_adcode))
    throw new LantianError('LT_ERR_WARNING_DECISION_NOT_FOUND', String(id));
  return { decision: d, episode: e };
}

/** The view of episodes with their decisions, confirmations and pending counties. */
async function views(db: Db, episodes: EpisodeRow[]): Promise<EpisodeView[]> {
  const decisions = await decisionsOf(
    db.kysely,
    episodes.map((e) => Number(e.id)),
  );
  const confirmations = await confirmationsOf(
    db.kysely,
    decisions.map((d) => Number(d.id)),
  );
  const regions = await listRegions(db);
  const names: RegionNames = new Map(regions.map((r) => [r.adcode, r.name]));
  return episodes.map((e) =>
    episodeView(
      e,
      decisions.filter((d) => Number(d.episode_id) === Number(e.id)),
      confirmations,
      names,
      regions.filter((r) => r.parent_adcode === e.region_adcode).map((r) => r.adcode),
    ),
  );
}

/** Decides a request on a region's warning, stores the result and audits it. */
async function decide(
  deps: EpisodeDeps,
  p: Principal,
  actor: ActorContext,
  region: string,
  episode: EpisodeRow | undefined,
  input: DecideInput,
): Promise<EpisodeView> {
  const grade = await gradingOf(deps, region, input.forecastVersionId);
  const settings = warningSettingsFor(deps.warningConfig, region);
  const request: WarningRequest = {
    action: input.action,
    ...(input.level ? { level: input.level } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.to !== undefined ? { to: input.to } : {}),
    override: input.override ?? null,
  };
  const d = decideWarning(stateOf(episode), request, grade, { liftHours: settings.liftHours });
  if (!d.allowed)
    throw new LantianError(d.code, d.reason, {
      allowedActions: d.allowedActions,
      edition: d.edition,
    });
  const now = deps.clock.now();
  const edition =
    d.edition ??
    episode?.edition ??
    resolveWarningRules(settings, input.from ?? chinaToday(now)).edition;
  let number = '';
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    number = await nextNoticeNumber(deps, trx, region, now);
    let episodeId: number;
    let state: EpisodeState;
    if (d.next.status === 'active') {
      const peak =
        episode && levelRank(episode.peak_level as ColouredLevel) > levelRank(d.next.level)
          ? episode.peak_level
          : d.next.level;
      state = {
        status: 'active',
        level: d.next.level,
        peak_level: peak,
        response: episode?.response ?? (grade?.response === 'advice' ? 'advice' : 'industrial'),
        from_date: d.next.from,
        to_date: d.next.to,
        level_since: d.next.levelSince,
        lifted_on: null,
        forecast_version_id: input.forecastVersionId,
      };
    } else {
      const e = episode!;
      state = {
        status: 'lifted',
        level: e.level,
        peak_level: e.peak_level,
        response: e.response,
        from_date: e.from_date,
        to_date: input.from!,
        level_since: e.level_since,
        lifted_on: input.from!,
        forecast_version_id: input.forecastVersionId,
      };
    }
    if (episode) {
      episodeId = Number(episode.id);
      await updateEpisode(trx, episodeId, state, now);
    } else {
      // Re-read inside the transaction: another issue may have been stored meanwhile.
      if (await activeEpisodeOf(trx, region))
        throw new LantianError('LT_ERR_WARNING_TRANSITION', '该区域已有生效的预警');
      episodeId = await insertEpisode(trx, { ...state, region_adcode: region, edition }, now);
    }
    const decision = await insertDecision(trx, {
      episode_id: episodeId,
      action: input.action,
      level: state.level,
      from_date: decisionEffectiveDay(input.action, input.from, state),
      to_date: state.to_date,
      forecast_version_id: input.forecastVersionId,
      edition: d.edition,
      basis: d.code,
      override_reason: d.overrideReason,
      reason: d.reason,
      notice_number: number,
      notice_blob: null,
      decided_by: actor.actor,
      decided_at: now,
    });
    await recordAudit(trx, now, {
      actor: actor.actor,
      ip: actor.ip,
      action: `warning.${input.action}`,
      target: `episode:${episodeId}`,
      detail: {
        region,
        decisionId: decision.id,
        level: state.level,
        from: state.from_date,
        to: state.to_date,
        forecastVersionId: input.forecastVersionId,
        edition: d.edition,
        basis: d.code,
        overrideReason: d.overrideReason,
        noticeNumber: number,
        reason: d.reason,
      },
    });
    return episodeId;
  });
  deps.onChange?.();
  return (await views(deps.db, [(await findEpisode(deps.db.kysely, id))!]))[0]!;
}

/** Issues a warning for a region (none may be active there). */
export async function issueWarning(
  deps: EpisodeDeps,
  p: Principal,
  actor: ActorContext,
  body: Omit<DecideInput, 'action'> & { region: string },
): Promise<EpisodeView> {
  await assertWarningDecider(deps.db, p);
  const names = await regionNames(deps.db);
  if (!names.has(body.region)) throw new LantianError('LT_ERR_REGION_NOT_FOUND', body.region);
  const active = await activeEpisodeOf(deps.db.kysely, body.region);
  return decide(deps, p, actor, body.region, active, { ...body, action: 'issue' });
}

/**
 * The day a decision takes effect, stored as the decision's from_date so that the notice, the
 * compliance checks and the evaluation read it: the lift day, else the day the level it sets took
 * effect (the episode's level_since: the first day for an issue, the day of an upgrade or
 * downgrade, the current level's day for an extension, which changes no level).
 */
function decisionEffectiveDay(
  action: string,
  from: string | undefined,
  state: { level_since: string },
): string {
  return action === 'lift' ? from! : state.level_since;
}

/** Upgrades, downgrades, extends or lifts an episode. */
export async function decideOnEpisode(
  deps: EpisodeDeps,
  p: Principal,
  actor: ActorContext,
  id: number,
  body: DecideInput,
): Promise<EpisodeView> {
  await assertWarningDecider(deps.db, p);
  const e = await visibleEpisode(deps.db, p, id);
  return decide(deps, p, actor, e.region_adcode, e, body);
}

/** The episodes a principal sees, newest first. */
export async function episodeList(
  db: Db,
  p: Principal,
  q: { status?: 'active' | 'lifted' | undefined; limit: number },
): Promise<EpisodeView[]> {
  const rows = await listEpisodes(db.kysely, { regions: await episodeRegions(db, p), ...q });
  return views(db, rows);
}

/** One episode a principal sees. */
export async function episodeDetail(db: Db, p: Principal, id: number): Promise<EpisodeView> {
  return (await views(db, [await visibleEpisode(db, p, id)]))[0]!;
}

/** A county or department confirms it started its response to a decision; audited. */
export async function confirmDecision(
  deps: EpisodeDeps,
  p: Principal,
  actor: ActorContext,
  decisionId: number,
  note: string | null,
): Promise<EpisodeView> {
  const unit = confirmingUnit(p);
  if (!unit) throw new LantianError('LT_ERR_FORBIDDEN', '只有县区和部门确认启动响应');
  const { decision, episode } = await visibleDecision(deps.db, p, decisionId);
  const already = await confirmationsOf(deps.db.kysely, [decisionId]);
  if (already.some((c) => c.unit === unit))
    throw new LantianError('LT_ERR_WARNING_ALREADY_CONFIRMED', decision.notice_number);
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await insertConfirmation(trx, {
      decision_id: decisionId,
      unit,
      confirmed_by: actor.actor,
      confirmed_at: now,
      note: note?.trim() || null,
    });
    await recordAudit(trx, now, {
      actor: actor.actor,
      ip: actor.ip,
      action: 'warning.confirm',
      target: `decision:${decisionId}`,
      detail: { episodeId: Number(episode.id), unit, noticeNumber: decision.notice_number, note },
    });
  });
  return episodeDetail(deps.db, p, Number(episode.id));
}
