/**
 * The store: Kysely over better-sqlite3 (embedded, default) or over PostgreSQL when a
 * postgres:// URL is given. Hot paths that must go faster than a query builder allows (bulk
 * imports, ingest) use the raw handle the Db exposes for their dialect.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type Migration,
  type MigrationProvider,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import { LantianError } from '../errors.ts';
import type { Dialect } from './dialect.ts';
import { buildMigrations } from './migrations.ts';
import type { ReplicaSettings } from './read-replica-config.ts';
import type { DatabaseSchema } from './schema.ts';

/** An open store. */
export interface Db {
  readonly dialect: Dialect;
  readonly kysely: Kysely<DatabaseSchema>;
  /** The better-sqlite3 handle (SQLite only). */
  readonly sqlite: BetterSqlite3.Database | undefined;
  /** The pg pool (PostgreSQL only). */
  readonly pg: pg.Pool | undefined;
  /** A short description for messages: the file path or the URL without password. */
  readonly location: string;
  /** The PostgreSQL schema the store lives in, when one was chosen. */
  readonly pgSchema?: string | undefined;
  /**
   * Where the read-heavy GET routes read (docs/scale.md, "Read replica"): a read-only store on
   * DATABASE_READ_URL when one was opened, otherwise this same store.
   */
  readonly read: Db;
  close(): Promise<void>;
}

/** How to open a store. */
export interface OpenOptions {
  /** postgres://… → PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  /** PostgreSQL schema to use (created if missing); tests use one schema each. */
  pgSchema?: string;
  /** SQLite `synchronous` pragma: FULL makes every commit durable against power loss. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** A read-only replica for the read-heavy routes (`Db.read`); PostgreSQL only. */
  replica?: ReplicaSettings | undefined;
}

/**
 * The handle as Kysely sees it, with prepared statements cached by SQL text: Kysely asks for a
 * fresh statement on every query, and preparing costs more than running most of Lantian's small
 * queries (a signed-in request runs several). Least recently used statements are dropped.
 */
function cachingStatements(handle: BetterSqlite3.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => handle.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt && !stmt.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, stmt);
        return stmt;
      }
      stmt = handle.prepare(sqlText);
      cache.set(sqlText, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

function openSqlite(path: string, synchronous: 'FULL' | 'NORMAL'): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let handle: BetterSqlite3.Database;
  try {
    handle = new BetterSqlite3(path);
  } catch (e) {
    throw new LantianError('LT_ERR_DB_UNAVAILABLE', `${path}: ${(e as Error).message}`);
  }
  handle.pragma('journal_mode = WAL');
  handle.pragma(`synchronous = ${synchronous}`);
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('cache_size = -65536');
  handle.pragma('temp_store = MEMORY');
  const kysely = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: cachingStatements(handle) }),
  });
  return readsItself({
    dialect: 'sqlite',
    kysely,
    sqlite: handle,
    pg: undefined,
    location: path,
    close: () => kysely.destroy(),
  });
}

/** A store whose reads go to itself (no replica). */
function readsItself(db: Omit<Db, 'read'>): Db {
  const self: Db = {
    ...db,
    get read() {
      return self;
    },
  };
  return self;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * A connection that breaks (PostgreSQL restarted or unreachable) emits 'error' on its client,
 * and an 'error' event with no listener ends the process. The pool listens on idle clients only
 * (and re-emits on itself); a client checked out for a query or a transaction has no listener,
 * so a break during a write ended the process. Every client gets a listener for its whole life:
 * the query in flight still fails (its caller retries), the pool drops the broken client on
 * release, and the next checkout connects anew. The pool's own 'error' (an idle client broke)
 * gets a listener too; roles add one that logs.
 */
function survivesLostConnections(pool: pg.Pool): void {
  pool.on('connect', (client) => client.on('error', () => undefined));
  pool.on('error', () => undefined);
}

const PG_TYPES = {
  getTypeParser: (oid: number, format?: string) => {
    // int8 (epoch ms) and int8 counts fit a JS number exactly below 2^53.
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

async function openPostgres(url: string, schema: string | undefined): Promise<Db> {
  const options = schema ? `-c search_path=${schema}` : undefined;
  const pool = new pg.Pool({ connectionString: url, types: PG_TYPES, options, max: 10 });
  survivesLostConnections(pool);
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`create schema if not exists "${schema}"`);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new LantianError('LT_ERR_DB_UNAVAILABLE', `${redact(url)}: ${(e as Error).message}`);
  }
  const kysely = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return readsItself({
    dialect: 'postgres',
    kysely,
    sqlite: undefined,
    pg: pool,
    pgSchema: schema,
    location: redact(url) + (schema ? ` (schema ${schema})` : ''),
    close: () => kysely.destroy(),
  });
}

/** The replica of DATABASE_READ_URL as a store of its own, read-only on every connection. */
async function openReplica(settings: ReplicaSettings): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: settings.url,
    types: PG_TYPES,
    max: settings.poolMax,
  });
  // Set per connection rather than through `options`: options given in the URL (a search_path)
  // would replace ours. Queries of a client run in order, so this one comes before any other.
  pool.on('connect', (client) => {
    client.query('set default_transaction_read_only = on').catch(() => undefined);
  });
  // A connection the replica drops is replaced on the next query; it must not end the process.
  survivesLostConnections(pool);
  try {
    (await pool.connect()).release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new LantianError(
      'LT_ERR_READ_REPLICA_UNAVAILABLE',
      `${redact(settings.url)}: ${(e as Error).message}`,
    );
  }
  const kysely = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return readsItself({
    dialect: 'postgres',
    kysely,
    sqlite: undefined,
    pg: pool,
    location: `${redact(settings.url)}（只读副本）`,
    close: () => kysely.destroy(),
  });
}

/** The primary with its reads sent to the replica; closing it closes both. */
function withReplica(primary: Db, replica: Db): Db {
  return {
    ...primary,
    read: replica,
    async close() {
      await replica.close();
      await primary.close();
    },
  };
}

/** Opens a store without migrating it. */
export async function openDb(opts: OpenOptions): Promise<Db> {
  if (opts.replica !== undefined && !opts.databaseUrl)
    throw new LantianError('LT_ERR_READ_REPLICA_NEEDS_PG');
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.pgSchema);
  return openSqlite(opts.sqlitePath ?? './var/lantian.db', opts.sqliteSynchronous ?? 'FULL');
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: new StaticProvider(buildMigrations(db.dialect)),
    // Keep the bookkeeping tables in the store's own schema (several stores may share a database).
    ...(db.pgSchema ? { migrationTableSchema: db.pgSchema } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely looks for its bookkeeping tables by introspecting every schema of the database; a
  // schema dropped at that moment by another store sharing the database (test schemas, a
  // retired city) fails that look-up before any migration ran. Such a failure is retried.
  for (
    let attempt = 1;
    error && db.dialect === 'postgres' && ranNone(results) && attempt <= 3;
    attempt++
  ) {
    await new Promise((r) => setTimeout(r, 100 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new LantianError(
      'LT_ERR_DB_UNAVAILABLE',
      `迁移 ${failed} 失败：${(error as Error).message}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when a migrator run failed before any migration ran (nothing to undo, safe to retry). */
function ranNone(results: readonly { status: string }[] | undefined): boolean {
  return (results ?? []).every((r) => r.status === 'NotExecuted');
}

/**
 * Opens and migrates a store: what every command and the server use. A replica is opened after
 * the primary was migrated (it is never migrated itself: it follows the primary).
 */
export async function openStore(opts: OpenOptions): Promise<Db> {
  const db = await openDb(opts);
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  if (opts.replica === undefined) return db;
  try {
    return withReplica(db, await openReplica(opts.replica));
  } catch (e) {
    await db.close();
    throw e;
  }
}
