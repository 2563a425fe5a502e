/**
 * Month partitions of readings and device_values on PostgreSQL (migration 0032,
 * src/store/partitions/): where rows land, idempotent upserts across partitions, the job creating
 * ahead and retiring per retention, rows moved out of DEFAULT, partition pruning, a migration of a
 * store that already holds rows, and the CLI. On SQLite only the CLI's refusal is checked.
 */
import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withReadingTransaction, type ReadingRow } from '../src/air/reading-writer.ts';
import { fixedClock } from '../src/clock.ts';
import { pgSink } from '../src/ingest/hj212/pg-sink.ts';
import { IngestBatch } from '../src/ingest/hj212/value-batch.ts';
import { migrateToLatest, openDb, type Db } from '../src/store/db.ts';
import { buildMigrations } from '../src/store/migrations.ts';
import { monthLabel, monthOf, monthStartMs } from '../src/store/partitions/month.ts';
import { partitionConfigFromEnv } from '../src/store/partitions/partition-config.ts';
import { runPartitionJob } from '../src/store/partitions/partition-job.ts';
import { ensurePartitions, partitionStatus } from '../src/store/partitions/partition-service.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const HOUR = 3_600_000;
const current = monthOf(Date.now());
const digits = (month: number): string => monthLabel(month).replace('-', '');
/** A month of long ago (a late import). */
const OLD = monthOf(Date.UTC(2016, 2, 15));

async function rows<T>(db: Db, text: string): Promise<T[]> {
  return (await db.pg!.query(text)).rows as T[];
}

/** Partition → row count of a table. */
async function placement(db: Db, table: string): Promise<Record<string, number>> {
  const r = await rows<{ p: string; n: number }>(
    db,
    `select tableoid::regclass::text as p, count(*)::int as n from ${table} group by 1`,
  );
  return Object.fromEntries(r.map((x) => [x.p, x.n]));
}

async function attached(db: Db, table: string): Promise<string[]> {
  const r = await rows<{ name: string }>(
    db,
    `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = '${table}'::regclass order by 1`,
  );
  return r.map((x) => x.name);
}

function reading(hour: number, stationId: number, value: number): ReadingRow {
  return { hour, stationId, pollutant: 'PM2.5', value, flag: null, sourceId: 1 };
}

/** A batch of device values: one row per given DataTime, for device 7, code a34004. */
function valueBatch(times: readonly number[], rtd: number): IngestBatch {
  const b = new IngestBatch();
  for (const t of times) {
    const i = b.addRow(Math.floor(t / 60_000), 7, 2011, 'a34004', t, t + 1000);
    b.rtd[i] = rtd;
  }
  return b;
}

const pgOnly = dialectsUnderTest().includes('postgres');

describe.runIf(pgOnly)('month partitions (PostgreSQL)', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('postgres');
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('a fresh store has a partition per month from now to 3 months ahead, a DEFAULT and the keys', async () => {
    const months = [0, 1, 2, 3].map((i) => digits(current + i));
    expect(await attached(t.db, 'readings')).toEqual([
      'readings_default',
      ...months.map((d) => `readings_p${d}`),
    ]);
    expect(await attached(t.db, 'device_values')).toEqual([
      'device_values_default',
      ...months.map((d) => `device_values_p${d}`),
    ]);
    const idx = await rows<{ name: string; def: string }>(
      t.db,
      `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index
       where indrelid in ('readings'::regclass, 'device_values'::regclass) order by 1`,
    );
    expect(idx.map((i) => i.name)).toEqual([
      'device_values_minute_brin',
      'device_values_pk',
      'readings_pk',
    ]);
    expect(idx[0]!.def).toMatch(/USING brin \(minute\)/);
  });

  it('puts rows into their month and keeps the upserts idempotent across partitions', async () => {
    const edge = monthStartMs(current + 1);
    const hours = [edge - 2 * HOUR, edge - HOUR, edge, edge + HOUR];
    const write = (value: number) =>
      withReadingTransaction(t.db, (w) => w.upsert(hours.map((h) => reading(h, 3, value))));
    expect(await write(10)).toBe(4);
    expect(await write(10)).toBe(0);
    expect(await write(11)).toBe(4);
    expect(await placement(t.db, 'readings')).toEqual({
      [`readings_p${digits(current)}`]: 2,
      [`readings_p${digits(current + 1)}`]: 2,
    });

    const sink = pgSink(t.db);
    const times = [edge - 60_000, edge, edge + 60_000];
    await sink.write(valueBatch(times, 1.5));
    await sink.write(valueBatch(times, 1.5));
    await sink.write(valueBatch(times, 2.5));
    expect(await placement(t.db, 'device_values')).toEqual({
      [`device_values_p${digits(current)}`]: 1,
      [`device_values_p${digits(current + 1)}`]: 2,
    });
    const v = await rows<{ rtd: number }>(t.db, 'select distinct rtd from device_values');
    expect(v).toEqual([{ rtd: 2.5 }]);
  });

  it('moves rows of a month out of DEFAULT when the month gets its partition', async () => {
    const old = monthStartMs(OLD) + 40 * HOUR;
    const future = monthStartMs(current + 10) + HOUR;
    await withReadingTransaction(t.db, (w) =>
      w.upsert([reading(old, 1, 5), reading(old + HOUR, 1, 6), reading(future, 1, 7)]),
    );
    await pgSink(t.db).write(valueBatch([old, old + 60_000, future], 1));
    expect(await placement(t.db, 'readings')).toEqual({ readings_default: 3 });

    const report = await ensurePartitions(t.db, Date.now(), {
      aheadMonths: 3,
      retentionMonths: undefined,
    });
    expect(report).toEqual([
      { table: 'readings', created: [{ month: OLD, moved: 2 }] },
      { table: 'device_values', created: [{ month: OLD, moved: 2 }] },
    ]);
    // The month of the wrong clock, beyond the ahead window, stays in DEFAULT.
    expect(await placement(t.db, 'readings')).toEqual({
      readings_default: 1,
      [`readings_p${digits(OLD)}`]: 2,
    });
    expect(await placement(t.db, 'device_values')).toEqual({
      device_values_default: 1,
      [`device_values_p${digits(OLD)}`]: 2,
    });
    // A re-sent old value updates the row in its new partition, not a second one in DEFAULT.
    await pgSink(t.db).write(valueBatch([old], 9));
    expect(await rows(t.db, 'select rtd from device_values where data_time = ' + old)).toEqual([
      { rtd: 9 },
    ]);
    const s = await partitionStatus(t.db);
    expect(s[0]!.defaultRows).toEqual([{ month: current + 10, rows: 1 }]);
  });

  it('moves DEFAULT rows while a writer keeps writing that month: nothing lost, none left behind', async () => {
    const old = monthStartMs(OLD);
    const sink = pgSink(t.db);
    let stop = false;
    let batches = 0;
    let refusals = 0;
    const writer = (async () => {
      while (!stop || batches < 20) {
        const times = Array.from({ length: 10 }, (_, j) => old + (batches * 10 + j) * 60_000);
        try {
          await sink.write(valueBatch(times, 1));
          batches++;
        } catch {
          // A batch routed by the layout before the ATTACH is refused once ("new row for relation
          // device_values_default violates partition constraint") and sent again, as ingest does.
          refusals++;
        }
      }
    })();
    while (batches < 10) await new Promise((r) => setTimeout(r, 10));
    const [, values] = await ensurePartitions(t.db, Date.now(), {
      aheadMonths: 3,
      retentionMonths: undefined,
    });
    stop = true;
    await writer;
    expect(values!.created[0]!.month).toBe(OLD);
    expect(values!.created[0]!.moved).toBeGreaterThanOrEqual(100);
    expect(await placement(t.db, 'device_values')).toEqual({
      [`device_values_p${digits(OLD)}`]: batches * 10,
    });
    expect(refusals).toBeLessThan(5);
  });

  it('the job creates ahead and retires beyond retention (detach, then drop), logging each run', async () => {
    const logs: string[] = [];
    const log = {
      info: (_: object, msg?: string) => logs.push(msg!),
      error: (_: object, msg?: string) => logs.push(`ERROR ${msg}`),
    };
    const later = current + 5;
    const clock = fixedClock(monthStartMs(later) + HOUR);
    await runPartitionJob(
      { db: t.db, clock, log },
      { aheadMonths: 3, retentionMonths: 2, retire: 'detach' },
    );
    const want = (table: string, months: number[]) =>
      [`${table}_default`, ...months.map((m) => `${table}_p${digits(m)}`)].sort();
    // current+3 is kept (later-2 = current+3); current .. current+2 are detached; +4 never made.
    expect(await attached(t.db, 'readings')).toEqual(
      want('readings', [current + 3, later, later + 1, later + 2, later + 3]),
    );
    expect(await attached(t.db, 'device_values')).toEqual(
      want('device_values', [current + 3, later, later + 1, later + 2, later + 3]),
    );
    expect(logs).toContain(
      `分区维护：readings：新建月分区 4 个（${[0, 1, 2, 3].map((i) => monthLabel(later + i)).join('、')}），从默认分区移入 0 行`,
    );
    expect(logs).toContain(
      `分区维护：device_values：分离超过保留期限的月分区 3 个（${[0, 1, 2].map((i) => monthLabel(current + i)).join('、')}）`,
    );
    const status = await partitionStatus(t.db);
    expect(status.map((s) => s.detached)).toEqual([
      [current, current + 1, current + 2],
      [current, current + 1, current + 2],
    ]);

    logs.length = 0;
    await runPartitionJob(
      { db: t.db, clock, log },
      { aheadMonths: 3, retentionMonths: 1, retire: 'drop' },
    );
    expect(logs).toContain('分区维护：readings：所需月分区均已存在');
    expect(logs).toContain(
      `分区维护：readings：删除超过保留期限的月分区 1 个（${monthLabel(current + 3)}）`,
    );
    const tables = await rows<{ n: string }>(
      t.db,
      `select relname as n from pg_class where relnamespace = current_schema()::regnamespace
       and relname = 'readings_p${digits(current + 3)}'`,
    );
    expect(tables).toEqual([]);
    // Detached tables are the operator's: drop mode leaves them alone.
    expect((await partitionStatus(t.db))[0]!.detached).toEqual([current, current + 1, current + 2]);
  });

  it('prunes partitions for a month-range query on the partition keys', async () => {
    const plan = async (q: string) =>
      (await rows<{ 'QUERY PLAN': string }>(t.db, `explain (costs off) ${q}`))
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    const next = current + 1;
    const minutes = [monthStartMs(next) / 60_000, monthStartMs(next + 1) / 60_000];
    const values = await plan(
      `select count(*) from device_values where minute >= ${minutes[0]} and minute < ${minutes[1]}`,
    );
    expect(values.match(/device_values_(p\d{6}|default)\b/g)).toEqual([
      `device_values_p${digits(next)}`,
    ]);

    const days = [monthStartMs(next) / 86_400_000, monthStartMs(next + 1) / 86_400_000 - 1];
    const readings = await plan(
      `select hour, value from readings where day between ${days[0]} and ${days[1]} and station_id = 3`,
    );
    expect(readings.match(/readings_(p\d{6}|default)\b/g)).toEqual([`readings_p${digits(next)}`]);
    // Without a condition on the key every partition is scanned (the check can fail).
    const all = await plan('select count(*) from readings where station_id = 3');
    expect(all).toMatch(/readings_default\b/);
  });

  it('migrating a store that already holds rows keeps every row, its key and its month', async () => {
    const url = process.env['DATABASE_URL']!;
    const schema = `t_${process.pid}_mig_${Math.random().toString(36).slice(2, 8)}`;
    const db = await openDb({ databaseUrl: url, pgSchema: schema });
    try {
      const migrator = new Migrator({
        db: db.kysely,
        provider: { getMigrations: async () => buildMigrations('postgres') },
        migrationTableSchema: schema,
      });
      const before = await migrator.migrateTo('0031_gates_more');
      expect(before.error).toBeUndefined();
      const startDay = monthStartMs(OLD) / 86_400_000;
      const nowDay = Math.floor(Date.now() / 86_400_000);
      const farDay = monthStartMs(current + 12) / 86_400_000 + 3;
      // 3 stations × 24 h × 40 days from the old month, the same around now, one far ahead.
      await sql
        .raw(
          `insert into readings (day, hour, station_id, pollutant, value, flag, source_id)
           select d, d::bigint * 86400000 + h * 3600000, s, 'PM2.5', d + h + s, null, 1
           from (select generate_series(${startDay}, ${startDay + 39}) as d
                 union all select generate_series(${nowDay - 20}, ${nowDay + 19})
                 union all select ${farDay}) days,
                generate_series(0, 23) h, generate_series(1, 3) s`,
        )
        .execute(db.kysely);
      await sql
        .raw(
          `insert into device_values (minute, device_id, cn, code, data_time, rtd, received_at)
           select m, dv, 2011, 'a34004', m::bigint * 60000, m % 97, m::bigint * 60000
           from generate_series(${startDay * 1440}, ${startDay * 1440 + 40 * 1440 - 1}, 7) m,
                generate_series(1, 2) dv`,
        )
        .execute(db.kysely);
      const digest = async () =>
        rows(
          db,
          `select (select count(*)::int from readings) as r, (select sum(value) from readings) as rv,
                  (select count(*)::int from device_values) as v, (select sum(rtd) from device_values) as vv`,
        );
      const was = await digest();
      expect(was[0]).toMatchObject({ r: 3 * 24 * 81, v: 2 * Math.ceil((40 * 1440) / 7) });

      await migrateToLatest(db);
      expect(await digest()).toEqual(was);
      const r = await placement(db, 'readings');
      expect(r['readings_default']).toBe(3 * 24);
      expect(r[`readings_p${digits(OLD)}`]).toBe(3 * 24 * 31);
      expect(r[`readings_p${digits(OLD + 1)}`]).toBe(3 * 24 * 9);
      expect(Object.values(r).reduce((a, b) => a + b, 0)).toBe(3 * 24 * 81);
      expect(Object.keys(await placement(db, 'device_values')).sort()).toEqual([
        `device_values_p${digits(OLD)}`,
        `device_values_p${digits(OLD + 1)}`,
      ]);
      // Months between the old data and the rows around now get no partition; now … now+3 do.
      const recent = monthOf((nowDay - 20) * 86_400_000);
      const months = new Set([
        OLD,
        OLD + 1,
        recent,
        current,
        current + 1,
        current + 2,
        current + 3,
      ]);
      expect(await attached(db, 'readings')).toEqual(
        ['readings_default', ...[...months].map((m) => `readings_p${digits(m)}`)].sort(),
      );
      // The key still refuses a second row of the same identity: the upsert updates.
      const hour = startDay * 86_400_000 + 5 * HOUR;
      await withReadingTransaction(db, (w) => w.upsert([reading(hour, 2, 1234)]));
      expect(
        await rows(db, `select value from readings where hour = ${hour} and station_id = 2`),
      ).toEqual([{ value: 1234 }]);
      expect(await digest().then((d) => (d[0] as { r: number }).r)).toBe(3 * 24 * 81);
    } finally {
      await db.pg!.query(`drop schema if exists "${schema}" cascade`);
      await db.close();
    }
  });

  it('lantian partitions status and ensure work on the store', async () => {
    const ensure = await runCli(['partitions', 'ensure', '--ahead', '4'], {
      ...t.env,
      LANTIAN_CLI_BUILD: 'off',
    });
    expect(ensure.stderr).toBe('');
    expect(ensure.stdout).toBe(
      `readings：新建月分区 1 个（${monthLabel(current + 4)}），从默认分区移入 0 行\n` +
        `device_values：新建月分区 1 个（${monthLabel(current + 4)}），从默认分区移入 0 行\n`,
    );
    const status = await runCli(['partitions', 'status', '--json'], {
      ...t.env,
      LANTIAN_CLI_BUILD: 'off',
    });
    const s = JSON.parse(status.stdout) as Array<{ table: string; partitions: unknown[] }>;
    expect(s.map((x) => [x.table, x.partitions.length])).toEqual([
      ['readings', 5],
      ['device_values', 5],
    ]);
  });
});

describe('partition settings and SQLite', () => {
  it('read the settings with defaults, and refuse malformed ones', () => {
    expect(partitionConfigFromEnv({})).toEqual({
      aheadMonths: 3,
      retentionMonths: undefined,
      retire: 'detach',
    });
    expect(
      partitionConfigFromEnv({
        LANTIAN_PARTITION_RETENTION_MONTHS: '24',
        LANTIAN_PARTITION_RETIRE: 'drop',
      }),
    ).toMatchObject({ retentionMonths: 24, retire: 'drop' });
    expect(() => partitionConfigFromEnv({ LANTIAN_PARTITION_RETIRE: 'truncate' })).toThrow(
      /LANTIAN_PARTITION_RETIRE/,
    );
    expect(() => partitionConfigFromEnv({ LANTIAN_PARTITION_RETENTION_MONTHS: '0' })).toThrow(
      /LANTIAN_PARTITION_RETENTION_MONTHS/,
    );
  });

  it.runIf(dialectsUnderTest().includes('sqlite'))(
    'lantian partitions refuses a SQLite store with its code',
    async () => {
      const t = await openTestStore('sqlite');
      try {
        const r = await runCli(['partitions', 'status'], { ...t.env, LANTIAN_CLI_BUILD: 'off' });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('LT_ERR_PARTITION_NEEDS_POSTGRES');
      } finally {
        await t.cleanup();
      }
    },
  );
});
