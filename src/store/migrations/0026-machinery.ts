/**
 * Migration 0026: non-road mobile machinery (src/machinery/tables.ts): machines, photos, sites,
 * low-emission zones, inspections and violations. It also stores the plan's zone — inside
 * Handan's ring expressway (环城高速以内，不含绕城高速; 2020 plan 三.9, 邯政规〔2018〕24 号) — as an
 * APPROXIMATE polygon marked so (approximate = 1), to be replaced by the official boundary.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idColumn } from './columns.ts';

/** An octagon around Handan's main city, roughly along the ring expressway (WGS-84, approximate). */
const RING_ZONE = {
  type: 'Polygon',
  coordinates: [
    [
      [114.4, 36.56],
      [114.43, 36.52],
      [114.54, 36.52],
      [114.58, 36.56],
      [114.58, 36.68],
      [114.54, 36.71],
      [114.43, 36.71],
      [114.4, 36.68],
      [114.4, 36.56],
    ],
  ],
};

async function createMachines(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('machinery_sites')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_adcode', 'text', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('machinery_machines')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('code_origin', 'text', (c) => c.notNull())
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('owner_id_no', 'text', (c) => c.notNull())
    .addColumn('owner_phone', 'text', (c) => c.notNull())
    .addColumn('machine_type', 'text', (c) => c.notNull())
    .addColumn('emission_stage', 'text', (c) => c.notNull())
    .addColumn('engine_model', 'text', (c) => c.notNull())
    .addColumn('engine_number', 'text', (c) => c.notNull())
    .addColumn('manufacture_year', 'integer')
    .addColumn('site_id', 'integer', (c) => c.references('machinery_sites.id'))
    .addColumn('region_adcode', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('machinery_machines_region')
    .on('machinery_machines')
    .columns(['region_adcode', 'id'])
    .execute();
}

async function createZones(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('machinery_zones')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('min_stage', 'integer', (c) => c.notNull())
    .addColumn('bans_uncoded', 'integer', (c) => c.notNull())
    .addColumn('approximate', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into machinery_zones
      (name, geometry, min_stage, bans_uncoded, approximate, basis, note, updated_by, updated_at)
    values (${'邯郸市环城高速以内区域（近似范围）'}, ${JSON.stringify(RING_ZONE)}, 3, 1, 1,
      ${'邯政规〔2018〕24 号；邯郸市 2020 年大气污染防治工作方案 三.2、三.9'},
      ${'多边形为沿环城高速的近似范围，须以官方划定边界替换；禁用国三以下阶段依据方案“清除低排区内达不到国三排放标准的非道路移动机械”'},
      ${'migration'}, ${0})`.execute(db);
}

async function createInspections(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('machinery_inspections')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('machine_id', 'integer', (c) => c.references('machinery_machines.id'))
    .addColumn('code_seen', 'text', (c) => c.notNull())
    .addColumn('region_adcode', 'text', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.references('machinery_sites.id'))
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('position_source', 'text', (c) => c.notNull())
    .addColumn('accuracy_m', 'double precision')
    .addColumn('black_smoke', 'integer', (c) => c.notNull())
    .addColumn('ringelmann', 'integer')
    .addColumn('note', 'text')
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'text', (c) => c.notNull())
    .addColumn('inspected_by', 'text', (c) => c.notNull())
    .addColumn('inspected_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('machinery_violations')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('inspection_id', 'integer', (c) =>
      c.notNull().references('machinery_inspections.id'),
    )
    .addColumn('machine_id', 'integer', (c) => c.references('machinery_machines.id'))
    .addColumn('region_adcode', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('machinery_violations_region')
    .on('machinery_violations')
    .columns(['region_adcode', 'status', 'id'])
    .execute();
  await db.schema
    .createTable('machinery_photos')
    .addColumn('id', idColumn(dialect), (c) => c.primaryKey())
    .addColumn('machine_id', 'integer', (c) => c.references('machinery_machines.id'))
    .addColumn('inspection_id', 'integer', (c) => c.references('machinery_inspections.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .execute();
}

/** Builds migration 0026 for a dialect. */
export const m0026Machinery = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await createMachines(db, dialect);
    await createZones(db, dialect);
    await createInspections(db, dialect);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of [
      'machinery_photos',
      'machinery_violations',
      'machinery_inspections',
      'machinery_zones',
      'machinery_machines',
      'machinery_sites',
    ])
      await db.schema.dropTable(t).execute();
  },
});
