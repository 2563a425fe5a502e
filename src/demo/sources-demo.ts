/**
 * Writes the simulated enterprises of sources-plan.ts (`demo handan`): the registry rows
 * (enterprises.simulated = 1), each CEMS outlet's device (through the device registry, so that
 * `lantian simulate --sources-demo` is accepted by the listener), and `days` days of history
 * before the current hour: hourly CEMS values from the simulator's CEMS model with the plan's
 * faults, and hourly power readings of the meters (treatment off during an outage). It adds
 * nothing when the enterprises are already there (an earlier run), and never writes over
 * enterprises that are not its own.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { importDevices } from '../devices/device-service.ts';
import { outageAt } from '../simulator/cems-faults.ts';
import { CemsOutletModel } from '../simulator/cems-model.ts';
import { mixSeed, Prng } from '../simulator/prng.ts';
import { beijingHour } from '../simulator/beijing-time.ts';
import { loadDiurnal } from '../simulator/shapes.ts';
import { cemsConfig } from '../sources/cems/cems-config.ts';
import { upsertCemsHours, type NewCemsHour } from '../sources/cems/cems-repo.ts';
import { CN_HOUR, projectHour } from '../sources/cems/rules/hour-projection.ts';
import type { Db } from '../store/db.ts';
import type { DatabaseSchema } from '../store/schema.ts';
import { HOUR_MS } from '../standards/local-date.ts';
import { epochToLocalDate } from '../time/zoned-time.ts';
import { pointInUnit, registerHandanRegions } from './handan-simulation.ts';
import {
  DEMO_DEVICE_PASSWORD,
  demoEnterprises,
  faultsAt,
  type DemoEnterprise,
  type DemoOutlet,
} from './sources-plan.ts';

const TZ = 'Asia/Shanghai';
const SEED = 9;
const BATCH = 400;

/** What the sources part of the demo wrote. */
export interface SourcesDemoSummary {
  enterprises: number;
  outlets: number;
  /** cems_hours rows written. */
  cemsHours: number;
  powerReadings: number;
  /** True when the enterprises were there already and nothing was written. */
  present: boolean;
}

/** The demo's enterprises, placed in their counties. */
export function handanDemoEnterprises(): DemoEnterprise[] {
  return demoEnterprises((adcode, i) => pointInUnit(adcode, i, 11));
}

type K = Kysely<DatabaseSchema>;

async function insertEnterprise(k: K, e: DemoEnterprise, now: number): Promise<void> {
  const { id } = await k
    .insertInto('enterprises')
    .values({
      credit_code: e.creditCode,
      name: e.name,
      region_adcode: e.region,
      address: e.address,
      lon: e.lon,
      lat: e.lat,
      industry: e.industry,
      categories: JSON.stringify(e.categories),
      grade: e.grade,
      grade_edition: e.grade ? '2020' : null,
      grade_date: e.grade ? '2020-09-30' : null,
      positive_list: 0,
      positive_reason: null,
      positive_until: null,
      guarantee: e.sector === 'power' ? 1 : 0,
      guarantee_reason: e.sector === 'power' ? '民生供热保障' : null,
      guarantee_until: null,
      key_discharger: e.outlets.length > 0 ? 1 : 0,
      simulated: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lineIds = new Map<string, number>();
  for (const l of e.lines) {
    const r = await k
      .insertInto('production_lines')
      .values({ enterprise_id: id, ...l, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    lineIds.set(l.code, r.id);
  }
  const facilityIds = new Map<string, number>();
  for (const f of e.facilities) {
    const r = await k
      .insertInto('control_facilities')
      .values({
        enterprise_id: id,
        line_id: lineIds.get(f.line) ?? null,
        code: f.code,
        name: f.name,
        kind: f.kind,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    facilityIds.set(f.code, r.id);
  }
  for (const o of e.outlets) await insertOutlet(k, e, id, lineIds.get(o.line) ?? null, o, now);
  for (const m of e.meters) {
    await k
      .insertInto('power_meters')
      .values({
        enterprise_id: id,
        code: m.code,
        name: m.name,
        role: m.role,
        line_id: m.line === null ? null : (lineIds.get(m.line) ?? null),
        facility_id: m.facility === null ? null : (facilityIds.get(m.facility) ?? null),
        device_mn: null,
        device_code: null,
        running_kw: m.runningKw,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

async function insertOutlet(
  k: K,
  e: DemoEnterprise,
  enterpriseId: number,
  lineId: number | null,
  o: DemoOutlet,
  now: number,
): Promise<void> {
  const { id } = await k
    .insertInto('outlets')
    .values({
      code: o.code,
      name: o.name,
      enterprise: e.name,
      region_adcode: e.region,
      enterprise_id: enterpriseId,
      line_id: lineId,
      height_m: o.heightM,
      kind: 'flue_gas',
      pollutants: JSON.stringify(o.limits.map((l) => l.pollutant)),
      ref_o2: o.refO2,
      must_report: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await k
    .insertInto('outlet_limits')
    .values(
      o.limits.map((l) => ({
        outlet_id: id,
        pollutant: l.pollutant,
        limit_mg_m3: l.limit,
        ref_o2: o.refO2,
        basis: o.basis,
        updated_at: now,
      })),
    )
    .execute();
}

/**
 * One outlet's hours over [fromMs, baseMs) as cems_hours rows: the simulator's hourly (CN 2061)
 * items of each hour, projected by the same rule as the listener's uploads (projectHour: flag
 * validity, Lantian's own O2 correction beside the device's -ZsAvg).
 */
function outletHours(
  outletId: number,
  o: DemoOutlet,
  index: number,
  fromMs: number,
  baseMs: number,
  now: number,
): NewCemsHour[] {
  const model = new CemsOutletModel(new Prng(mixSeed(SEED, index)), {
    profile: o.profile,
    zsSent: o.zsSent,
    faults: faultsAt(o.faults, baseMs),
  });
  const refO2 = (p: string) => (o.limits.some((l) => l.pollutant === p) ? o.refO2 : null);
  const policy = cemsConfig().flags;
  const rows: NewCemsHour[] = [];
  for (let h = fromMs; h < baseMs; h += HOUR_MS) {
    const uploads = model.sample(h, 3600).map((it) => {
      const v = (s: string) => it.values.find((x) => x.suffix === s)?.value ?? null;
      return {
        cn: CN_HOUR,
        code: it.code,
        avg: v('Avg'),
        zs_avg: v('ZsAvg'),
        cou: v('Cou'),
        flag: it.flag,
      };
    });
    const day = epochToLocalDate(TZ, h);
    for (const r of projectHour(uploads, refO2, policy))
      rows.push({ ...r, outlet_id: outletId, hour: h, day, updated_at: now });
  }
  return rows;
}

async function insertBatches<T>(rows: readonly T[], write: (b: T[]) => Promise<void>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** Hourly power of an enterprise's meters: production follows the load, treatment too unless out. */
async function writePower(
  k: K,
  e: DemoEnterprise,
  fromMs: number,
  baseMs: number,
  now: number,
): Promise<number> {
  const meters = await k
    .selectFrom('power_meters')
    .innerJoin('enterprises', 'enterprises.id', 'power_meters.enterprise_id')
    .select(['power_meters.id', 'power_meters.code'])
    .where('enterprises.credit_code', '=', e.creditCode)
    .execute();
  const faults = e.outlets.flatMap((o) => faultsAt(o.faults, baseMs));
  const rng = new Prng(mixSeed(SEED, e.creditCode.length + Number(e.creditCode.slice(9, 16))));
  const rows = [];
  for (let h = fromMs; h < baseMs; h += HOUR_MS) {
    const load = loadDiurnal(beijingHour(h));
    for (const m of e.meters) {
      const id = meters.find((x) => x.code === m.code)!.id;
      const off = m.role === 'treatment' && outageAt(faults, h);
      const kw = off ? m.ratedKw * 0.01 : m.ratedKw * load * (0.95 + 0.1 * rng.next());
      rows.push({
        meter_id: id,
        time: h,
        kw: Math.round(kw * 10) / 10,
        kwh: null,
        origin: 'csv',
        received_at: now,
      });
    }
  }
  await insertBatches(rows, (b) =>
    k
      .insertInto('power_readings')
      .values(b)
      .execute()
      .then(() => {}),
  );
  return rows.length;
}

/**
 * Adds the simulated enterprises with `days` days of hourly CEMS values and power readings
 * before the current hour. Nothing is written when they are there already.
 */
export async function runSourcesDemo(
  db: Db,
  clock: Clock,
  o: { days: number; actor: string; onOutlet?: () => void },
): Promise<SourcesDemoSummary> {
  const list = handanDemoEnterprises();
  const k = db.kysely;
  const outlets = list.reduce((n, e) => n + e.outlets.length, 0);
  const found = await k
    .selectFrom('enterprises')
    .select('id')
    .where('credit_code', '=', list[0]!.creditCode)
    .executeTakeFirst();
  if (found)
    return { enterprises: list.length, outlets, cemsHours: 0, powerReadings: 0, present: true };
  const now = clock.now();
  const baseMs = Math.floor(now / HOUR_MS) * HOUR_MS;
  const fromMs = baseMs - o.days * 24 * HOUR_MS;
  await registerHandanRegions(db, now);
  await k.transaction().execute(async (trx) => {
    for (const e of list) await insertEnterprise(trx, e, now);
    await recordAudit(trx, now, {
      actor: o.actor,
      ip: null,
      action: 'demo.sources',
      target: 'enterprises',
      detail: { enterprises: list.length, outlets, simulated: true },
    });
  });
  await importDevices(
    db,
    clock,
    list.flatMap((e) =>
      e.outlets.map((x, i) => ({
        line: i + 1,
        input: {
          mn: x.mn,
          kind: 'outlet',
          target: x.code,
          password: DEMO_DEVICE_PASSWORD,
          edition: '2017',
          crc: 'standard',
          intervalS: 60,
          name: `${e.name} ${x.name}（模拟）`,
        },
      })),
    ),
    { actor: o.actor, ip: null },
  );
  let cemsHours = 0;
  let powerReadings = 0;
  let index = 0;
  for (const e of list) {
    for (const x of e.outlets) {
      const { id } = await k
        .selectFrom('outlets')
        .select('id')
        .where('code', '=', x.code)
        .executeTakeFirstOrThrow();
      const rows = outletHours(id, x, index++, fromMs, baseMs, now);
      await upsertCemsHours(db, rows);
      cemsHours += rows.length;
      o.onOutlet?.();
    }
    await k.transaction().execute(async (trx) => {
      powerReadings += await writePower(trx, e, fromMs, baseMs, now);
    });
  }
  return { enterprises: list.length, outlets, cemsHours, powerReadings, present: false };
}
