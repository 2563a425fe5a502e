/**
 * Migration 0032 (PostgreSQL only; nothing on SQLite): `readings` and `device_values` become
 * tables partitioned by RANGE on their time bucket, one partition per UTC month, plus a DEFAULT
 * partition so that a row of a month without a partition is never refused (the partition job,
 * src/store/partitions/, moves such rows out when their month gets a partition). Existing rows are
 * copied: on a large store this takes time and twice the space while it runs (see docs/scale.md).
 * Partitions are made as the partition job would (partition-plan.ts): from the current month to
 * 3 months ahead, and for every earlier month that holds rows; rows of later months (a device with
 * a wrong clock) go to DEFAULT. `serve` keeps the window moving (LANTIAN_PARTITION_AHEAD_MONTHS).
 *
 * Keys: the primary keys are unchanged — they start with the partition column (`day`, `minute`),
 * as PostgreSQL requires of a unique key on a partitioned table, so every ON CONFLICT target of
 * the upserts (reading-writer.ts, pg-sink.ts) is still a unique index. No foreign key points at
 * either table and neither has one.
 *
 * BRIN: the time b-tree of both tables is their primary key (time bucket first, chosen for
 * right-edge inserts: value-key.ts, 0001-air.ts). It stays: ON CONFLICT needs a unique b-tree and
 * every query of the code is a point lookup on it (one device or station, a list of buckets).
 * `device_values` also gets a BRIN on `minute`: rows arrive in time order, so a block range covers
 * a narrow span of minutes, and a scan of whole days across all devices (reports, exports,
 * ad-hoc checks) reads a few index pages instead of the b-tree's range — measured on 5.76 M rows
 * (100 devices × 4 codes × 10 days of minutes): BRIN 32 kB against a 339 MB key, one day across
 * all devices read 9 BRIN pages against 4,322 b-tree pages. Its cost on insert is negligible.
 * `readings` gets none: a city's hourly readings are small (stations × pollutants × 24 a day) and
 * every query names its stations.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { monthOf } from '../partitions/month.ts';
import { PARTITIONED_TABLES } from '../partitions/partitioned-tables.ts';
import { monthsToCreate } from '../partitions/partition-plan.ts';
import { partitionExistingTable, type Exec } from '../partitions/partition-sql.ts';

/** Months after the current one created by the migration (the job's default too). */
const AHEAD_MONTHS = 3;

/** Builds migration 0032 for a dialect. */
export const m0032Partitions = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (dialect !== 'postgres') return;
    const exec: Exec = async (text) =>
      (await sql.raw<Record<string, unknown>>(text).execute(db)).rows;
    const current = monthOf(Date.now());
    const policy = { aheadMonths: AHEAD_MONTHS, retentionMonths: undefined };
    const choose = (withRows: number[]) =>
      monthsToCreate({ attached: [], detached: [], inDefault: withRows }, current, policy);
    for (const t of PARTITIONED_TABLES) await partitionExistingTable(exec, t, choose);
  },
});
