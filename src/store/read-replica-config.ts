/**
 * The read-only replica of the API nodes (docs/scale.md, "Read replica"): DATABASE_READ_URL and
 * the size of its own connection pool. Unset: every read goes to DATABASE_URL, as before.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';

const ReplicaEnvSchema = z.object({
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_READ_URL 须以 postgres:// 开头')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // UNVERIFIED: as many connections as the primary's pool; size it to the replica's max_connections.
  LANTIAN_DB_READ_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
});

/** Where the replica is and how many connections the node keeps to it. */
export interface ReplicaSettings {
  readonly url: string;
  readonly poolMax: number;
}

/**
 * The replica settings of an environment, or undefined when DATABASE_READ_URL is unset. Refuses a
 * replica next to the embedded SQLite store (`databaseUrl` undefined).
 */
export function replicaSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  databaseUrl: string | undefined,
): ReplicaSettings | undefined {
  const r = ReplicaEnvSchema.safeParse(env);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new LantianError('LT_ERR_BAD_CONFIG', `${String(i.path[0])}：${i.message}`);
  }
  const url = r.data.DATABASE_READ_URL;
  if (url === undefined) return undefined;
  if (databaseUrl === undefined) throw new LantianError('LT_ERR_READ_REPLICA_NEEDS_PG');
  return { url, poolMax: r.data.LANTIAN_DB_READ_POOL_MAX };
}
