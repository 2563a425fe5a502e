/** What every CLI command needs: the configuration and an open, migrated store. */
import { loadConfig, type Config } from '../config.ts';
import { openStore, type Db } from '../store/db.ts';

/** Global options shared by all commands. */
export interface GlobalOptions {
  db?: string;
}

/** Loads the configuration, letting --db override LANTIAN_DB. */
export function cliConfig(opts: GlobalOptions): Config {
  return loadConfig(process.env, opts.db ? { sqlitePath: opts.db } : {});
}

/** Runs `fn` with an open store and closes it afterwards. */
export async function withStore<T>(
  opts: GlobalOptions,
  fn: (db: Db, config: Config) => Promise<T>,
): Promise<T> {
  const config = cliConfig(opts);
  const db = await openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}
