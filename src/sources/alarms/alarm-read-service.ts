/** Reading alarms: the inbox with counts by county, one alarm with its history, an evidence file. */
import type { z } from 'zod';
import type { Principal } from '../../auth/principal.ts';
import type { BlobStore } from '../../blobs/blob-store.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { enterpriseVisibility } from '../enterprise-scope.ts';
import {
  countsByRegion,
  historyOf,
  listAlarms,
  type AlarmEvidenceRow,
  type AlarmWithOwner,
} from './alarm-repo.ts';
import { visibleAlarm } from './alarm-scope.ts';
import type { CloseReason } from './rules/close-reasons.ts';
import { ALARM_KIND_NAMES, type AlarmKind } from './rules/episode.ts';
import type { AlarmDetail, AlarmList, AlarmOut, AlarmQuery, EvidenceOut } from './schema.ts';

const parse = (s: string | null): Record<string, unknown> | null =>
  s === null ? null : (JSON.parse(s) as Record<string, unknown>);

/** The API view of an alarm. */
export function alarmView(a: AlarmWithOwner): z.output<typeof AlarmOut> {
  return {
    id: a.id,
    kind: a.kind as AlarmKind,
    kindName: ALARM_KIND_NAMES[a.kind as AlarmKind] ?? a.kind,
    enterprise:
      a.enterprise_id !== null && a.credit_code !== null
        ? { id: a.enterprise_id, creditCode: a.credit_code, name: a.enterprise_name ?? '' }
        : null,
    county: a.region_adcode,
    outletId: a.outlet_id,
    outletCode: a.outlet_code,
    lineId: a.line_id,
    pollutant: a.pollutant,
    status: a.status as 'open' | 'acknowledged' | 'closed',
    active: a.active === 1,
    openedAt: a.opened_at,
    firstSeen: a.first_seen,
    lastSeen: a.last_seen,
    count: a.count,
    detail: parse(a.detail) ?? {},
    level: a.level,
    escalateAt: a.escalate_at,
    ackedBy: a.acked_by,
    ackedAt: a.acked_at,
    closedBy: a.closed_by,
    closedAt: a.closed_at,
    closeReason: a.close_reason as CloseReason | null,
    closeText: a.close_text,
  };
}

const evidenceView = (e: AlarmEvidenceRow): z.output<typeof EvidenceOut> => ({
  id: e.id,
  filename: e.filename,
  mediaType: e.media_type,
  size: e.size,
  sha256: e.sha256,
});

/** The inbox: alarms the principal may see under the filters, and counts by county and status. */
export async function alarmInbox(
  db: Db,
  p: Principal,
  q: z.output<typeof AlarmQuery>,
): Promise<z.output<typeof AlarmList>> {
  const v = await enterpriseVisibility(db, p);
  const filter = { status: q.status, kind: q.kind, region: q.county, enterpriseCode: q.enterprise };
  const page = await listAlarms(db.kysely, v, { ...filter, limit: q.limit, offset: q.offset });
  const counts = new Map<string | null, { open: number; acknowledged: number; closed: number }>();
  for (const c of await countsByRegion(db.kysely, v, {
    kind: q.kind,
    enterpriseCode: q.enterprise,
  })) {
    const row = counts.get(c.region) ?? { open: 0, acknowledged: 0, closed: 0 };
    if (c.status === 'open' || c.status === 'acknowledged' || c.status === 'closed')
      row[c.status] = c.n;
    counts.set(c.region, row);
  }
  return {
    total: page.total,
    items: page.rows.map(alarmView),
    counts: [...counts].map(([county, n]) => ({ county, ...n })),
  };
}

/** One alarm with its events and their evidence. */
export async function alarmDetail(
  db: Db,
  p: Principal,
  id: number,
): Promise<z.output<typeof AlarmDetail>> {
  const a = await visibleAlarm(db, p, id);
  const h = await historyOf(db.kysely, id);
  return {
    ...alarmView(a),
    events: h.events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      actor: e.actor,
      role: e.role,
      text: e.text,
      detail: parse(e.detail),
      evidence: h.evidence.filter((x) => x.event_id === e.id).map(evidenceView),
    })),
  };
}

/** An evidence file with its bytes, if the principal may see its alarm. */
export async function readEvidence(
  db: Db,
  blobs: BlobStore,
  p: Principal,
  id: number,
  evidenceId: number,
): Promise<{ evidence: z.output<typeof EvidenceOut>; data: Buffer }> {
  await visibleAlarm(db, p, id);
  const e = (await historyOf(db.kysely, id)).evidence.find((x) => x.id === evidenceId);
  if (!e)
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', `告警 #${id} 没有证明材料 #${evidenceId}`);
  const data = await blobs.get(e.sha256);
  if (!data) throw new LantianError('LT_ERR_FILE_NOT_FOUND', `证明材料 #${evidenceId} 的文件缺失`);
  return { evidence: evidenceView(e), data };
}
