/**
 * What a plan assesses and on which stations: the city on its national-control points, the main
 * city (主城区) on the national-control points inside its member units, each unit on its own
 * assessment points (any kind unless the plan narrows it). Reference points (对照点) and
 * micro-stations (微站) never count (stations.role). Reads regions and stations once.
 */
import { listRegions } from '../air/region-repo.ts';
import { listStations } from '../air/station-repo.ts';
import { stationDailyRecords } from '../air/daily-repo.ts';
import { regionDaily, type DailyRecord } from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import type { Station } from '../air/tables.ts';
import type { PlanDocument } from './plan-document.ts';

/** Kind of a subject. */
export type SubjectKind = 'city' | 'main-city' | 'unit';

/** One thing the plan assesses. */
export interface Subject {
  /** The adcode; 'main-city' for the main city. */
  key: string;
  kind: SubjectKind;
  name: string;
  /** Assessment stations that speak for it. */
  stations: Station[];
}

function subtrees(regions: ReadonlyArray<{ adcode: string; parent_adcode: string | null }>) {
  const children = new Map<string, string[]>();
  for (const r of regions) {
    if (!r.parent_adcode) continue;
    children.set(r.parent_adcode, [...(children.get(r.parent_adcode) ?? []), r.adcode]);
  }
  return (root: string): Set<string> => {
    const out = [root];
    for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
    return new Set(out);
  };
}

/** The subjects of a plan: city, main city (when defined), then units in plan order. */
export async function planSubjects(db: Db, doc: PlanDocument): Promise<Subject[]> {
  const subtree = subtrees(await listRegions(db));
  const stations = (await listStations(db)).filter((s) => s.role === 'assessment');
  const pick = (roots: readonly string[], kinds: readonly string[] | null) => {
    const regions = new Set(roots.flatMap((r) => [...subtree(r)]));
    return stations.filter(
      (s) => regions.has(s.region_adcode) && (!kinds || kinds.includes(s.kind)),
    );
  };
  const a = doc.rules.assessment;
  const out: Subject[] = [
    {
      key: doc.city.adcode,
      kind: 'city',
      name: doc.city.name,
      stations: pick([doc.city.adcode], a.cityStationKinds),
    },
  ];
  if (doc.mainCity && doc.mainCity.members.length > 0)
    out.push({
      key: 'main-city',
      kind: 'main-city',
      name: doc.mainCity.name,
      stations: pick(doc.mainCity.members, a.mainCityStationKinds),
    });
  for (const u of doc.units)
    out.push({
      key: u.adcode,
      kind: 'unit',
      name: u.name,
      stations: pick([u.adcode], a.unitStationKinds),
    });
  return out;
}

/** Daily records of every subject over [from, to] (HJ 663 mean of its stations), by key. */
export async function subjectDailyRecords(
  db: Db,
  subjects: readonly Subject[],
  from: string,
  to: string,
): Promise<Map<string, DailyRecord[]>> {
  const ids = [...new Set(subjects.flatMap((s) => s.stations.map((st) => st.id)))];
  const byStation = await stationDailyRecords(db, ids, from, to);
  return new Map(
    subjects.map((s) => [s.key, regionDaily(s.stations.map((st) => byStation.get(st.id) ?? []))]),
  );
}
