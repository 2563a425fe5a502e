/**
 * Storage of warning episodes, their decisions and the confirmations of counties and departments
 * (src/warnings/tables.ts). An episode row holds the current state; every decision is a new row
 * and none is ever changed.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { WarningDecisionTable, WarningEpisodeTable } from '../tables.ts';

type Db = Kysely<DatabaseSchema>;
/** A stored episode row. */
export type EpisodeRow = Selectable<WarningEpisodeTable>;
/** A stored decision row. */
export type DecisionRow = Selectable<WarningDecisionTable>;

/** The active episode of a region, or undefined. */
export async function activeEpisodeOf(db: Db, region: string): Promise<EpisodeRow | undefined> {
  return db
    .selectFrom('warning_episodes')
    .selectAll()
    .where('region_adcode', '=', region)
    .where('status', '=', 'active')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One episode by id, or undefined. */
export async function findEpisode(db: Db, id: number): Promise<EpisodeRow | undefined> {
  return db.selectFrom('warning_episodes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Filters of the episode list. */
export interface EpisodeFilter {
  /** Regions to include, or 'all'. */
  regions: 'all' | readonly string[];
  status?: 'active' | 'lifted' | undefined;
  limit: number;
}

/** Episodes, newest first. */
export async function listEpisodes(db: Db, f: EpisodeFilter): Promise<EpisodeRow[]> {
  if (f.regions !== 'all' && f.regions.length === 0) return [];
  let q = db.selectFrom('warning_episodes').selectAll();
  if (f.regions !== 'all') q = q.where('region_adcode', 'in', [...f.regions]);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('from_date', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** The decisions of episodes, in order. */
export async function decisionsOf(db: Db, episodeIds: readonly number[]): Promise<DecisionRow[]> {
  if (episodeIds.length === 0) return [];
  return db
    .selectFrom('warning_decisions')
    .selectAll()
    .where('episode_id', 'in', [...episodeIds])
    .orderBy('episode_id')
    .orderBy('seq')
    .execute();
}

/** One decision by id, or undefined. */
export async function findDecision(db: Db, id: number): Promise<DecisionRow | undefined> {
  return db.selectFrom('warning_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Notice numbers starting with a head (a prefix and year), to number the next one. */
export async function noticeNumbersWithHead(db: Db, head: string): Promise<string[]> {
  const rows = await db
    .selectFrom('warning_decisions')
    .select('notice_number')
    .where('notice_number', 'like', `${head}%`)
    .execute();
  return rows.map((r) => r.notice_number);
}

/** The columns of an episode a decision sets. */
export type EpisodeState = Pick<
  EpisodeRow,
  | 'status'
  | 'level'
  | 'peak_level'
  | 'response'
  | 'from_date'
  | 'to_date'
  | 'level_since'
  | 'lifted_on'
  | 'forecast_version_id'
>;

/** Inserts a new episode; returns its id. */
export async function insertEpisode(
  db: Db,
  row: EpisodeState & { region_adcode: string; edition: string },
  now: number,
): Promise<number> {
  const r = await db
    .insertInto('warning_episodes')
    .values({ ...row, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Writes an episode's new state. */
export async function updateEpisode(
  db: Db,
  id: number,
  state: EpisodeState,
  now: number,
): Promise<void> {
  await db
    .updateTable('warning_episodes')
    .set({ ...state, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Appends a decision (numbered after the episode's last); returns its id and number. */
export async function insertDecision(
  db: Db,
  row: Omit<DecisionRow, 'id' | 'seq'>,
): Promise<{ id: number; seq: number }> {
  const last = await db
    .selectFrom('warning_decisions')
    .select((eb) => eb.fn.max('seq').as('s'))
    .where('episode_id', '=', row.episode_id)
    .executeTakeFirst();
  const seq = Number(last?.s ?? 0) + 1;
  const r = await db
    .insertInto('warning_decisions')
    .values({ ...row, seq })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(r.id), seq };
}

/** A stored confirmation. */
export interface ConfirmationRow {
  id: number;
  decision_id: number;
  unit: string;
  confirmed_by: string;
  confirmed_at: number;
  note: string | null;
}

/** The confirmations of decisions. */
export async function confirmationsOf(
  db: Db,
  decisionIds: readonly number[],
): Promise<ConfirmationRow[]> {
  if (decisionIds.length === 0) return [];
  const rows = await db
    .selectFrom('warning_confirmations')
    .selectAll()
    .where('decision_id', 'in', [...decisionIds])
    .orderBy('confirmed_at')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), confirmed_at: Number(r.confirmed_at) }));
}

/** Stores a confirmation; returns its id. */
export async function insertConfirmation(
  db: Db,
  row: Omit<ConfirmationRow, 'id'>,
): Promise<number> {
  const r = await db
    .insertInto('warning_confirmations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}
