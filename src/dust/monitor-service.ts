/**
 * Site PM10/TSP monitors (docs/standards/dust-fall.md §4): a registered HJ 212 device is linked
 * to a dust source; its hourly values are read from what the ingest stored; alarms (PM10 above a
 * level for N hours, offline for N hours) are detected by the pure rule on demand or by the
 * periodic job, and the sites are ranked by their mean hourly PM10 over a period.
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { findDevice } from '../devices/device-repo.ts';
import { LantianError } from '../errors.ts';
import { rankBy, roundHalfEven } from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import type { DustConfig } from './dust-config.ts';
import { admitsSource, dustVisibility } from './dust-scope.ts';
import {
  allLinks,
  linkedSince,
  insertLink,
  linkOf,
  listAlarms,
  saveAlarm,
  siteHours,
  type SiteHour,
} from './monitor-repo.ts';
import { siteAlarms, SITE_ALARM_EDITION } from './rules/site-alarms.ts';
import { listSources } from './source-repo.ts';
import { visibleSource } from './source-service.ts';

const HOUR = 3_600_000;

/** Links the device with that MN to a source (city office or the source's county). */
export async function linkMonitor(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  sourceId: number,
  mn: string,
): Promise<void> {
  const src = await visibleSource(db, p, sourceId);
  if (p.role === 'department') throw new LantianError('LT_ERR_OUT_OF_SCOPE', `扬尘源 ${src.code}`);
  const dev = await findDevice(db.kysely, mn);
  if (!dev) throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', mn);
  const linked = await linkOf(db.kysely, dev.id);
  if (linked === sourceId) return;
  if (linked !== undefined) throw new LantianError('LT_ERR_DUST_MONITOR_LINKED', mn);
  const now = clock.now();
  await db.kysely.transaction().execute(async (trx) => {
    await insertLink(trx, dev.id, sourceId, now);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'dust.monitor.link',
      target: `dust-source:${src.code}`,
      detail: { mn },
    });
  });
}

/** A visible source's hourly values over [from, to). */
export async function sourceHours(
  db: Db,
  p: Principal,
  sourceId: number,
  from: number,
  to: number,
): Promise<SiteHour[]> {
  await visibleSource(db, p, sourceId);
  const links = await allLinks(db.kysely);
  return siteHours(db.kysely, links.get(sourceId) ?? [], from, to);
}

/** Detects and stores the alarms of every linked site over the look-back window ending `now`. */
export async function runSiteAlarms(
  db: Db,
  cfg: DustConfig,
  now: number,
): Promise<{ sites: number; created: number; updated: number }> {
  const links = await allLinks(db.kysely);
  const since = await linkedSince(db.kysely);
  const lookback = Math.floor(now / HOUR) * HOUR - cfg.lookbackHours * HOUR;
  const open = await listAlarms(db.kysely, true);
  let created = 0;
  let updated = 0;
  for (const [sourceId, devices] of links) {
    // Not before the hour the site got its monitor: silence before that is no outage.
    const from = Math.max(lookback, Math.floor((since.get(sourceId) ?? 0) / HOUR) * HOUR);
    const hours = (await siteHours(db.kysely, devices, from, now)).filter((h) => h.pm10 !== null);
    const found = siteAlarms(
      hours.map((h) => ({ at: h.at, pm10: h.pm10! })),
      cfg.siteAlarm,
      { from, now },
    );
    for (const a of found) {
      // A run that touches the window's start continues an alarm already open.
      const cont =
        a.startAt <= from
          ? open.find(
              (o) => o.source_id === sourceId && o.kind === a.kind && o.start_at <= a.startAt,
            )
          : undefined;
      const isNew = await saveAlarm(
        db.kysely,
        {
          source_id: sourceId,
          kind: a.kind,
          start_at: cont ? cont.start_at : a.startAt,
          end_at: a.endAt,
          peak: cont ? Math.max(cont.peak, a.peak) : roundHalfEven(a.peak, 1),
          edition: SITE_ALARM_EDITION,
          rule: JSON.stringify(cfg.siteAlarm),
        },
        now,
      );
      if (isNew) created++;
      else updated++;
    }
  }
  return { sites: links.size, created, updated };
}

/** Alarms of the sources a principal sees. */
export async function alarmsInScope(db: Db, p: Principal, openOnly: boolean) {
  const v = await dustVisibility(db, p);
  const rows = await listAlarms(db.kysely, openOnly);
  return rows
    .filter((r) => admitsSource(v, r))
    .map((r) => ({
      id: r.id,
      sourceId: r.source_id,
      sourceCode: r.code,
      sourceName: r.name,
      regionAdcode: r.region_adcode,
      kind: r.kind as 'pm10_high' | 'offline',
      startAt: r.start_at,
      endAt: r.end_at,
      peak: r.peak,
      edition: r.edition,
    }));
}

/** Sites with monitors ranked by mean hourly PM10 over [from, to) (ascending, ties equal). */
export async function siteRanking(db: Db, p: Principal, from: number, to: number) {
  const v = await dustVisibility(db, p);
  const links = await allLinks(db.kysely);
  const sources = (await listSources(db.kysely, v)).filter(
    (s) => links.has(s.id) && admitsSource(v, s),
  );
  const open = await listAlarms(db.kysely, true);
  const rows = [];
  for (const s of sources) {
    const h = (await siteHours(db.kysely, links.get(s.id)!, from, to)).flatMap((x) =>
      x.pm10 === null ? [] : [x.pm10],
    );
    rows.push({
      id: s.id,
      code: s.code,
      name: s.name,
      regionAdcode: s.region_adcode,
      hours: h.length,
      pm10: h.length ? roundHalfEven(h.reduce((a, b) => a + b, 0) / h.length, 0) : null,
      max: h.length ? roundHalfEven(Math.max(...h), 0) : null,
      openAlarms: open.filter((o) => o.source_id === s.id).length,
    });
  }
  return rankBy(rows, (r) => r.pm10, 'asc').map((x) => ({ ...x.item, rank: x.rank }));
}
