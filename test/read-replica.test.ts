/**
 * DATABASE_READ_URL (docs/scale.md, "Read replica"): an API node opened on a primary and a
 * "replica" that is another schema with other content, so every answer shows which one it came
 * from. Real PostgreSQL, real `lantian serve --role api` processes, real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRegions } from '../src/air/region-repo.ts';
import { createUser } from '../src/auth/user-service.ts';
import { fixedClock } from '../src/clock.ts';
import { openStore } from '../src/store/db.ts';
import { runCli } from './support/cli.ts';
import { killAll, privateSchema, startNode, type Node } from './support/scale-nodes.ts';

const PW = 'Lantian-test-2020';
const clock = fixedClock(Date.UTC(2026, 0, 1));

type Schema = Awaited<ReturnType<typeof privateSchema>>;

/** Gives the store at `url` one region named `name`, and (primary only) an admin account. */
async function seed(url: string, name: string, admin: boolean): Promise<void> {
  const db = await openStore({ databaseUrl: url });
  try {
    await upsertRegions(
      db,
      [{ adcode: '130400', name, parentAdcode: null, level: 'city' }],
      clock.now(),
    );
    if (admin)
      await createUser(
        db,
        clock,
        { actor: 'test', ip: null },
        {
          username: 'admin',
          role: 'city-admin',
          password: PW,
        },
      );
  } finally {
    await db.close();
  }
}

describe('read replica (DATABASE_READ_URL) on PostgreSQL', () => {
  let primary: Schema;
  let replica: Schema;
  let dir: string;
  const nodes: Node[] = [];

  /** Starts an API node and returns its base URL. */
  async function apiNode(env: Record<string, string>): Promise<{ node: Node; base: string }> {
    const node = startNode(
      ['serve', '--role', 'api', '--port', '0', '--trucks-port', '0'],
      { LANTIAN_LOG_LEVEL: 'warn', LANTIAN_NATS_URL: '', ...env },
      dir,
    );
    nodes.push(node);
    const m = await node.waitFor(/蓝天已启动：(http:\/\/localhost:\d+)/);
    return { node, base: m[1]! };
  }

  const regionNames = async (base: string): Promise<string[]> => {
    const res = await fetch(`${base}/api/regions`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { name: string }[]).map((r) => r.name);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lt-replica-'));
    primary = await privateSchema();
    replica = await privateSchema();
    await seed(primary.url, '主库市', true);
    await seed(replica.url, '副本市', false);
  }, 60_000);

  afterAll(async () => {
    killAll(nodes);
    await Promise.all(nodes.map((n) => n.exited));
    await primary?.drop();
    await replica?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('routes the read-heavy GETs to the replica, writes and sign-in to the primary', async () => {
    const { node, base } = await apiNode({
      DATABASE_URL: primary.url,
      DATABASE_READ_URL: replica.url,
      LANTIAN_DB_READ_POOL_MAX: '3',
    });
    await node.waitFor(/只读查询使用副本：/);
    // An air route reads the replica's regions.
    expect(await regionNames(base)).toEqual(['副本市']);

    // Sign-in works: the account exists on the primary only.
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PW }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('lt_session='))!;
    const session = {
      cookie: cookie.split(';')[0]!,
      'x-lantian-csrf': ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    const me = await fetch(`${base}/api/auth/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);

    // A write lands on the primary, and the GET right after it (device detail) reads the primary.
    const created = await fetch(`${base}/api/devices`, {
      method: 'POST',
      headers: { ...session, 'content-type': 'application/json' },
      body: JSON.stringify({
        mn: 'REPLICA0000000000000001',
        kind: 'outlet',
        target: 'DW-REPLICA',
        password: '123456',
        intervalS: 60,
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const detail = await fetch(`${base}/api/devices/REPLICA0000000000000001`, {
      headers: { cookie: session.cookie },
    });
    expect(detail.status).toBe(200);
    const mns = async (s: Schema) =>
      (await s.pool.query<{ mn: string }>('select mn from devices')).rows.map((r) => r.mn);
    expect(await mns(primary)).toEqual(['REPLICA0000000000000001']);
    expect(await mns(replica)).toEqual([]);
    // Sessions are written on the primary only.
    const sessions = async (s: Schema) =>
      Number((await s.pool.query('select count(*) as n from auth_sessions')).rows[0].n);
    expect(await sessions(primary)).toBeGreaterThan(0);
    expect(await sessions(replica)).toBe(0);
  }, 60_000);

  it('opens the replica read-only: a write through `db.read` is refused', async () => {
    const db = await openStore({
      databaseUrl: primary.url,
      replica: { url: replica.url, poolMax: 2 },
    });
    try {
      expect(db.read).not.toBe(db);
      const names = await db.read.kysely.selectFrom('regions').select('name').execute();
      expect(names.map((r) => r.name)).toEqual(['副本市']);
      await expect(
        db.read.kysely
          .updateTable('regions')
          .set({ name: '改写' })
          .where('adcode', '=', '130400')
          .execute(),
      ).rejects.toThrow(/read-only transaction/);
      // Without a replica `read` is the store itself.
      const plain = await openStore({ databaseUrl: primary.url });
      expect(plain.read).toBe(plain);
      await plain.close();
    } finally {
      await db.close();
    }
  });

  it('reads everything from the primary without DATABASE_READ_URL, as before', async () => {
    const { node, base } = await apiNode({ DATABASE_URL: primary.url });
    expect(node.output()).not.toMatch(/只读查询使用副本/);
    expect(await regionNames(base)).toEqual(['主库市']);
  }, 60_000);

  it('refuses DATABASE_READ_URL with the embedded SQLite store', async () => {
    const r = await runCli(['serve', '--port', '0', '--hj212-port', '0', '--trucks-port', '0'], {
      DATABASE_URL: '',
      LANTIAN_DB: join(dir, 'sqlite.db'),
      DATABASE_READ_URL: replica.url,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LT_ERR_READ_REPLICA_NEEDS_PG');
  }, 60_000);

  it('stops with LT_ERR_READ_REPLICA_UNAVAILABLE when the replica cannot be reached', async () => {
    const r = await runCli(['serve', '--port', '0', '--hj212-port', '0', '--trucks-port', '0'], {
      DATABASE_URL: primary.url,
      DATABASE_READ_URL: 'postgres://postgres@127.0.0.1:1/none',
    });
    expect(r.code).toBe(7);
    expect(r.stderr).toContain('LT_ERR_READ_REPLICA_UNAVAILABLE');
  }, 60_000);
});
