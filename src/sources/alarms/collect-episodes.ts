/**
 * Builds the detectors' plain series from the store and runs them (rules/): per outlet, per
 * pollutant the exceedance, flat-line and flag rules, per outlet the missing-data and offline
 * rules, per production line the production-without-treatment rule when running states are
 * given. What they find is grouped by the key duplicates share (kind, subject, pollutant).
 */
import type { Db } from '../../store/db.ts';
import type { AlarmsConfig } from './alarm-config.ts';
import type { AlarmRow } from './alarm-repo.ts';
import {
  cemsHoursBetween,
  lastPacketByOutlet,
  lineSubjects,
  outletSubjects,
  type CemsHourRow,
  type OutletSubject,
} from './detector-input-repo.ts';
import { judgedValue } from '../cems/rules/hour-judgement.ts';
import { alarmLimits, type AlarmLimit } from './limit-lookup.ts';
import type { AlarmKind, Episode, HourValue } from './rules/episode.ts';
import { exceedances } from './rules/exceedance.ts';
import { flatLines } from './rules/flat-line.ts';
import { missingHours } from './rules/missing-data.ts';
import { productionWithoutTreatment, type LineHourState } from './rules/no-treatment.ts';
import { offline } from './rules/offline.ts';
import { longFlagPeriods, oddCalibrations } from './rules/suspicious-flags.ts';

/** Running states per production line and hour, over [from, to) (electricity sub-metering). */
export type LineStatesSource = (from: number, to: number) => Promise<Map<number, LineHourState[]>>;

/** What the detectors found for one key. */
export interface Finding {
  kind: AlarmKind;
  enterpriseId: number | null;
  region: string | null;
  outletId: number | null;
  lineId: number | null;
  pollutant: string | null;
  episodes: Episode[];
}

/** The window of a run: judged hours from `from`, data read from `dataFrom`, up to `to`. */
export interface RunWindow {
  from: number;
  dataFrom: number;
  to: number;
  now: number;
}

/** What a run found, and which open alarms it examined. */
export interface Collected {
  findings: Map<string, Finding>;
  /** True when the run looked at this alarm's condition (so not finding it means cleared). */
  examined(alarm: AlarmRow): boolean;
}

/** The key duplicates share. */
export function subjectKey(
  kind: AlarmKind,
  subject: { outletId: number } | { lineId: number },
  pollutant: string | null,
): string {
  const s = 'outletId' in subject ? `outlet:${subject.outletId}` : `line:${subject.lineId}`;
  return `${kind}|${s}|${pollutant ?? '-'}`;
}

function pollutantsOf(o: OutletSubject, limits: Map<string, AlarmLimit> | undefined): Set<string> {
  let listed: unknown = [];
  try {
    listed = JSON.parse(o.pollutants);
  } catch {
    listed = [];
  }
  return new Set([
    ...(Array.isArray(listed) ? listed.filter((x): x is string => typeof x === 'string') : []),
    ...(limits?.keys() ?? []),
  ]);
}

function groupHours(rows: CemsHourRow[]): Map<number, Map<string, CemsHourRow[]>> {
  const out = new Map<number, Map<string, CemsHourRow[]>>();
  for (const r of rows) {
    const byPollutant = out.get(r.outlet_id) ?? new Map<string, CemsHourRow[]>();
    const list = byPollutant.get(r.pollutant) ?? [];
    list.push(r);
    byPollutant.set(r.pollutant, list);
    out.set(r.outlet_id, byPollutant);
  }
  return out;
}

/** The episodes of one outlet. */
function outletEpisodes(
  o: OutletSubject,
  hours: Map<string, CemsHourRow[]>,
  limits: Map<string, AlarmLimit> | undefined,
  lastPacket: number | undefined,
  cfg: AlarmsConfig,
  w: RunWindow,
): Episode[] {
  const out: Episode[] = [];
  const judged = pollutantsOf(o, limits);
  for (const [pollutant, rows] of hours) {
    const limit = limits?.get(pollutant);
    if (limit) {
      const series: HourValue[] = rows.map((r) => ({
        hour: r.hour,
        value: judgedValue(r, limit.refO2).value,
        valid: r.valid === 1,
        flag: r.flag,
      }));
      out.push(...exceedances(pollutant, series, limit.limit, cfg.exceedanceHours));
    }
    if (!judged.has(pollutant)) continue;
    const measured = rows.map((r) => ({
      hour: r.hour,
      value: r.avg,
      valid: r.valid === 1,
      flag: r.flag,
    }));
    out.push(...flatLines(pollutant, measured, cfg.flat));
    out.push(...longFlagPeriods(pollutant, measured, cfg.flags));
    out.push(...oddCalibrations(pollutant, measured, cfg.flags));
  }
  if (o.must_report === 1) {
    const present = new Set([...hours.values()].flatMap((rows) => rows.map((r) => r.hour)));
    out.push(
      ...missingHours({
        present,
        from: Math.max(w.from, o.created_at),
        now: w.now,
        graceMinutes: cfg.missingGraceMinutes,
        minHours: cfg.missingHours,
      }),
    );
  }
  const off = offline(lastPacket ?? null, w.now, cfg.offlineMinutes);
  if (off) out.push(off);
  // Episodes before the judged window only served to see runs that began earlier.
  return out.filter((e) => e.hours[e.hours.length - 1]! >= w.from);
}

function add(
  findings: Map<string, Finding>,
  key: string,
  base: Omit<Finding, 'episodes'>,
  e: Episode,
): void {
  const f = findings.get(key) ?? { ...base, episodes: [] };
  f.episodes.push(e);
  findings.set(key, f);
}

/** Runs every detector over the window. */
export async function collectEpisodes(
  db: Db,
  cfg: AlarmsConfig,
  w: RunWindow,
  lineStates?: LineStatesSource,
): Promise<Collected> {
  const [outlets, rows, limits, packets] = [
    await outletSubjects(db),
    await cemsHoursBetween(db, w.dataFrom, w.to),
    await alarmLimits(db),
    await lastPacketByOutlet(db),
  ];
  const hours = groupHours(rows);
  const findings = new Map<string, Finding>();
  const outletIds = new Set<number>();
  for (const o of outlets) {
    outletIds.add(o.id);
    const episodes = outletEpisodes(
      o,
      hours.get(o.id) ?? new Map(),
      limits.get(o.id),
      packets.get(o.id),
      cfg,
      w,
    );
    const base = {
      enterpriseId: o.enterprise_id,
      region: o.region_adcode,
      outletId: o.id,
      lineId: null,
    };
    for (const e of episodes)
      add(
        findings,
        subjectKey(e.kind, { outletId: o.id }, e.pollutant),
        { ...base, kind: e.kind, pollutant: e.pollutant },
        e,
      );
  }
  const lineIds = new Set<number>();
  if (lineStates) {
    const states = await lineStates(w.dataFrom, w.to);
    for (const l of await lineSubjects(db)) {
      lineIds.add(l.id);
      const base = {
        kind: 'no_treatment' as const,
        enterpriseId: l.enterprise_id,
        region: l.region_adcode,
        outletId: null,
        lineId: l.id,
        pollutant: null,
      };
      for (const e of productionWithoutTreatment(states.get(l.id) ?? [], cfg.noTreatmentHours))
        if (e.hours[e.hours.length - 1]! >= w.from)
          add(findings, subjectKey(e.kind, { lineId: l.id }, null), base, e);
    }
  }
  return {
    findings,
    examined: (a) =>
      a.outlet_id !== null
        ? outletIds.has(a.outlet_id)
        : a.line_id !== null && lineIds.has(a.line_id),
  };
}
