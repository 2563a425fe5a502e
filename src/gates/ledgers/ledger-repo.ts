/**
 * Store side of the electronic ledgers (Kysely): the hand-entered rows of each kind, the
 * transport vehicles seen at an enterprise's gates (derived from gate_passages), and upserts by
 * each kind's key (plate, registration code or internal plate, environmental registration code).
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { EnterpriseVisibility } from '../../sources/enterprise-scope.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { LedgerKind, LedgerRow } from './rules/ledger-rows.ts';

type K = Kysely<DatabaseSchema>;

/** Limits a query on enterprises `e` to what a visibility admits. */
export function whereVisible<
  DB extends DatabaseSchema & { e: DatabaseSchema['enterprises'] },
  TB extends keyof DB,
  O,
>(
  q: SelectQueryBuilder<DB, TB | 'e', O>,
  v: EnterpriseVisibility,
): SelectQueryBuilder<DB, TB | 'e', O> {
  switch (v.kind) {
    case 'all':
      return q;
    case 'regions':
      return v.regions.length === 0
        ? q.where((x) => x.lit(false))
        : q.where('e.region_adcode' as never, 'in', v.regions as never);
    case 'enterprise':
      return q.where('e.credit_code' as never, '=', v.creditCode as never);
    case 'none':
      return q.where((x) => x.lit(false));
  }
}

/** One ledger row as read back. */
export interface StoredLedgerRow {
  creditCode: string;
  enterprise: string;
  fields: Record<string, string | null>;
}

const COLUMNS: Readonly<Record<LedgerKind, Readonly<Record<string, string>>>> = {
  vehicles: {
    plate: 'plate',
    plateColour: 'plate_colour',
    vin: 'vin',
    engineNo: 'engine_no',
    emissionStage: 'emission_stage',
    fuel: 'fuel',
    registrationDate: 'registration_date',
    fleet: 'fleet',
  },
  inplant: {
    code: 'code',
    registrationDate: 'registration_date',
    vin: 'vin',
    engineNo: 'engine_no',
    emissionStage: 'emission_stage',
    fuel: 'fuel',
  },
  machinery: {
    registrationCode: 'registration_code',
    productionDate: 'production_date',
    emissionStage: 'emission_stage',
    machineCode: 'machine_code',
    fuel: 'fuel',
  },
};

const TABLE = {
  vehicles: 'gate_ledger_vehicles',
  inplant: 'gate_inplant_vehicles',
  machinery: 'gate_machinery',
} as const;

const KEY = { vehicles: 'plate', inplant: 'code', machinery: 'registration_code' } as const;

/** The hand-entered rows of a kind the visibility admits, by enterprise and key. */
export async function manualRows(
  k: K,
  kind: LedgerKind,
  v: EnterpriseVisibility,
  limit: number,
): Promise<StoredLedgerRow[]> {
  const cols = COLUMNS[kind];
  const q = k
    .selectFrom(`${TABLE[kind]} as l` as 'gate_machinery as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .select(['e.credit_code', 'e.name'])
    .select(Object.values(cols).map((c) => `l.${c}` as 'l.fuel'))
    .orderBy('e.credit_code')
    .orderBy(`l.${KEY[kind]}` as 'l.fuel')
    .limit(limit);
  const rows = (await whereVisible(q, v).execute()) as unknown as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    creditCode: String(r.credit_code),
    enterprise: String(r.name),
    fields: Object.fromEntries(
      Object.entries(cols).map(([f, c]) => [f, r[c] === null ? null : String(r[c])]),
    ),
  }));
}

/** A vehicle seen at an enterprise's gates. */
export interface SeenVehicle {
  creditCode: string;
  enterprise: string;
  plate: string;
  plateColour: string | null;
  vin: string | null;
  engineNo: string | null;
  emissionStage: string | null;
  fuel: string | null;
  registrationDate: string | null;
  fleet: string | null;
  passages: number;
  firstSeen: number;
  lastSeen: number;
}

/** Vehicles seen at the gates of admitted enterprises (one of the values each passage recorded). */
export async function seenVehicles(
  k: K,
  v: EnterpriseVisibility,
  limit: number,
): Promise<SeenVehicle[]> {
  const q = k
    .selectFrom('gate_passages as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .where('p.plate', '!=', '')
    .select((x) => [
      'e.credit_code',
      'e.name',
      'p.plate',
      x.fn.max('p.plate_colour').as('plate_colour'),
      x.fn.max('p.vin').as('vin'),
      x.fn.max('p.engine_no').as('engine_no'),
      x.fn.max('p.emission_stage').as('emission_stage'),
      x.fn.max('p.fuel').as('fuel'),
      x.fn.max('p.registration_date').as('registration_date'),
      x.fn.max('p.fleet').as('fleet'),
      x.fn.countAll<number | string>().as('n'),
      x.fn.min('p.passed_at').as('first_seen'),
      x.fn.max('p.passed_at').as('last_seen'),
    ])
    .groupBy(['e.credit_code', 'e.name', 'p.plate'])
    .orderBy('e.credit_code')
    .orderBy('p.plate')
    .limit(limit);
  const rows = await whereVisible(q, v).execute();
  return rows.map((r) => ({
    creditCode: r.credit_code,
    enterprise: r.name,
    plate: r.plate,
    plateColour: r.plate_colour,
    vin: r.vin,
    engineNo: r.engine_no,
    emissionStage: r.emission_stage,
    fuel: r.fuel,
    registrationDate: r.registration_date,
    fleet: r.fleet,
    passages: Number(r.n),
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
  }));
}

/** Stores checked rows of a kind (insert or replace by enterprise and key); returns created count. */
export async function upsertRows(
  k: K,
  kind: LedgerKind,
  rows: ReadonlyArray<{ enterpriseId: number; row: LedgerRow }>,
  by: string,
  at: number,
): Promise<number> {
  const cols = COLUMNS[kind];
  const table = TABLE[kind] as 'gate_machinery';
  const key = KEY[kind] as 'registration_code';
  let created = 0;
  for (const { enterpriseId, row } of rows) {
    const values: Record<string, unknown> = { updated_by: by, updated_at: at };
    for (const [f, c] of Object.entries(cols)) values[c] = row.fields[f] ?? null;
    const found = await k
      .selectFrom(table)
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where(key, '=', row.key)
      .executeTakeFirst();
    if (found) await k.updateTable(table).set(values).where('id', '=', found.id).execute();
    else {
      created++;
      await k
        .insertInto(table)
        .values({ ...values, enterprise_id: enterpriseId } as never)
        .execute();
    }
  }
  return created;
}
