/**
 * The one migration list, built per dialect. Each migration lives in its own file under
 * migrations/; they are append-only: never edit one that has shipped, add the next.
 */
import type { Migration } from 'kysely';
import type { Dialect } from './dialect.ts';
import { m0001Air } from './migrations/0001-air.ts';
import { m0002Audit } from './migrations/0002-audit.ts';

/** All migrations for a dialect, keyed so that they sort in the order they must run. */
export function buildMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_air': m0001Air(dialect),
    '0002_audit': m0002Audit(dialect),
  };
}
