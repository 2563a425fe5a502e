/** Column helpers shared by migrations. */
import type { Dialect } from '../dialect.ts';

/** Column type of an auto-incrementing integer id (`integer primary key autoincrement` / serial). */
export function idColumn(dialect: Dialect): 'integer' | 'serial' {
  return dialect === 'sqlite' ? 'integer' : 'serial';
}
