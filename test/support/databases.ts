/**
 * Test databases: SQLite always, PostgreSQL when DATABASE_URL is set (CI sets it). Narrow with
 * LANTIAN_TEST_DIALECTS=sqlite or =postgres. Each store is private to its test: a temporary SQLite
 * file, or a PostgreSQL schema of its own that is dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from '../../src/store/db.ts';
import type { Dialect } from '../../src/store/dialect.ts';

/** Dialects the current test run covers. */
export function dialectsUnderTest(): Dialect[] {
  const wanted = (process.env['LANTIAN_TEST_DIALECTS'] ?? 'sqlite,postgres').split(',');
  const out: Dialect[] = [];
  if (wanted.includes('sqlite')) out.push('sqlite');
  if (wanted.includes('postgres') && process.env['DATABASE_URL']) out.push('postgres');
  return out;
}

/** A migrated store for one test, with a cleanup that removes every trace of it. */
export interface TestStore {
  db: Db;
  /** Options that reopen the same store (for CLI subprocesses: env vars). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** Opens a fresh, migrated store of the given dialect. */
export async function openTestStore(dialect: Dialect): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-test-'));
    const path = join(dir, 'test.db');
    const db = await openStore({ sqlitePath: path, sqliteSynchronous: 'NORMAL' });
    return {
      db,
      env: { LANTIAN_DB: path, DATABASE_URL: '' },
      async cleanup() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const db = await openStore({ databaseUrl: url, pgSchema: schema });
  const sep = url.includes('?') ? '&' : '?';
  return {
    db,
    env: { DATABASE_URL: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}` },
    async cleanup() {
      await db.pg?.query(`drop schema if exists "${schema}" cascade`);
      await db.close();
    },
  };
}
