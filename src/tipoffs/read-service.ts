/**
 * Reading reports: the handlers' inbox and case detail (with personal data, in scope), the
 * reporter's view by tracking code and the public exposure board (without personal data), the
 * files each may open, and statistics per unit and category.
 */
import type { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type {
  ExposureOut,
  InboxOut,
  InboxQuery,
  StatsOut,
  TipoffDetail,
  TrackOut,
} from './schema.ts';
import { TIPOFF_CATEGORIES, type TipoffCategory } from './rules/categories.ts';
import {
  eventsOf,
  filesOf,
  findByCode,
  findDocument,
  findFile,
  findTipoff,
  listDocuments,
  listTipoffs,
  publishedCases,
  statistics,
  type TipoffFileRow,
} from './tipoff-repo.ts';
import { assertHandles, scopeFilter } from './tipoff-scope.ts';
import { exposureView, handlerView, trackView } from './tipoff-views.ts';

/** The inbox of an account. */
export async function inbox(
  db: Db,
  p: Principal,
  q: z.output<typeof InboxQuery>,
  now: number,
): Promise<z.output<typeof InboxOut>> {
  const filter = {
    status: q.status,
    category: q.category,
    county: q.county,
    escalated: q.escalated === undefined ? undefined : q.escalated === 'true',
    ...scopeFilter(p),
  };
  if (q.county && filter.county !== q.county) return { total: 0, items: [] };
  const { rows, total } = await listTipoffs(db.kysely, filter, q.limit, q.offset);
  return { total, items: rows.map((r) => handlerView(r, now)) };
}

/** One case with its files and timeline. */
export async function detail(
  db: Db,
  p: Principal,
  id: number,
  now: number,
): Promise<z.output<typeof TipoffDetail>> {
  const row = assertHandles(p, await findTipoff(db.kysely, id));
  const [files, events] = await Promise.all([filesOf(db.kysely, id), eventsOf(db.kysely, id)]);
  return {
    ...handlerView(row, now),
    files: files.map((f) => ({
      id: f.id,
      stage: f.stage as 'report' | 'verification',
      mediaType: f.media_type,
      size: f.size,
    })),
    timeline: events.map((e) => ({ ...e, at: Number(e.at) })),
  };
}

/** A file of a case the account handles. */
export async function handlerFile(db: Db, p: Principal, fileId: number): Promise<TipoffFileRow> {
  const f = await findFile(db.kysely, fileId);
  if (!f) throw new LantianError('LT_ERR_TIPOFF_NOT_FOUND', '文件不存在');
  assertHandles(p, await findTipoff(db.kysely, f.tipoff_id));
  return f;
}

/** The reporter's view of a case by its code. */
export async function track(db: Db, code: string): Promise<z.output<typeof TrackOut>> {
  const row = await findByCode(db.kysely, code);
  if (!row) throw new LantianError('LT_ERR_TIPOFF_NOT_FOUND', '查询码不存在，请核对');
  return trackView(row, await eventsOf(db.kysely, row.id));
}

async function countyNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.kysely.selectFrom('regions').select(['adcode', 'name']).execute();
  return new Map(rows.map((r) => [r.adcode, r.name]));
}

/** One page of the exposure board: published cases and documents. */
export async function exposureBoard(
  db: Db,
  page: number,
  pageSize: number,
): Promise<z.output<typeof ExposureOut>> {
  const offset = (page - 1) * pageSize;
  const [cases, docs, names] = await Promise.all([
    publishedCases(db.kysely, pageSize, offset),
    listDocuments(db.kysely, pageSize, offset),
    countyNames(db),
  ]);
  const items = [];
  for (const r of cases.rows) items.push(exposureView(r, await filesOf(db.kysely, r.id), names));
  return {
    page,
    pageSize,
    casesTotal: cases.total,
    cases: items,
    documentsTotal: docs.total,
    documents: docs.rows.map((d) => ({
      id: d.id,
      title: d.title,
      month: d.month,
      url: d.url,
      hasPdf: d.pdf_sha256 !== null,
      publishedAt: Number(d.published_at),
    })),
  };
}

/** A photo the exposure board shows (published case, photos published, an image). */
export async function publicPhoto(db: Db, fileId: number): Promise<TipoffFileRow> {
  const f = await findFile(db.kysely, fileId);
  const row = f ? await findTipoff(db.kysely, f.tipoff_id) : undefined;
  if (
    !f ||
    !row ||
    row.published !== 1 ||
    row.publish_photos !== 1 ||
    !f.media_type.startsWith('image/')
  )
    throw new LantianError('LT_ERR_TIPOFF_NOT_FOUND', '照片不存在或未公开');
  return f;
}

/** The PDF of a published document. */
export async function documentPdf(db: Db, id: number): Promise<string> {
  const d = await findDocument(db.kysely, id);
  if (!d?.pdf_sha256) throw new LantianError('LT_ERR_TIPOFF_NOT_FOUND', '文件不存在');
  return d.pdf_sha256;
}

/** Reports per unit (the county or department it went to) and category in [from, to). */
export async function tipoffStatistics(
  db: Db,
  p: Principal,
  from: number,
  to: number,
): Promise<z.output<typeof StatsOut>> {
  if (p.role !== 'city-admin') throw new LantianError('LT_ERR_FORBIDDEN', '统计仅市大气办可看');
  const rows = await statistics(db.kysely, from, to);
  const acc = new Map<string, z.output<typeof StatsOut>['rows'][number]>();
  for (const r of rows) {
    const unit = r.county ?? r.department ?? '';
    const unitKind = r.county ? 'county' : r.department ? 'department' : 'none';
    const category = r.category as TipoffCategory;
    if (!TIPOFF_CATEGORIES.includes(category)) continue;
    const key = `${unitKind} ${unit} ${category}`;
    const s = acc.get(key) ?? {
      unit,
      unitKind,
      category,
      total: 0,
      handled: 0,
      open: 0,
      escalated: 0,
    };
    const n = Number(r.n);
    s.total += n;
    if (r.status === 'handled' || r.status === 'rejected') s.handled += n;
    else s.open += n;
    if (r.escalated === 1) s.escalated += n;
    acc.set(key, s);
  }
  return {
    rows: [...acc.values()].sort((a, b) =>
      (a.unit + a.category).localeCompare(b.unit + b.category),
    ),
  };
}
