/**
 * The public notice page is bounded like the other public pages: whatever the request rate, its
 * answer is computed once per 30 s (the service clears it when a decision is stored), and it lists
 * at most 50 warnings (`truncated` says there are more). Episodes are written as rows here, past
 * the service, so that only the cache can explain an unchanged answer.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import type { Db } from '../src/store/db.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const NOW = Date.UTC(2026, 11, 3, 4);

async function activeEpisodeRow(db: Db, region: string, n: number): Promise<void> {
  const e = await db.kysely
    .insertInto('warning_episodes')
    .values({
      region_adcode: region,
      status: 'active',
      level: 'yellow',
      peak_level: 'yellow',
      response: 'industrial',
      from_date: '2026-12-05',
      to_date: null,
      level_since: '2026-12-05',
      lifted_on: null,
      edition: '2024',
      forecast_version_id: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.kysely
    .insertInto('warning_decisions')
    .values({
      episode_id: Number(e.id),
      seq: 1,
      action: 'issue',
      level: 'yellow',
      from_date: '2026-12-05',
      to_date: null,
      forecast_version_id: null,
      edition: '2024',
      basis: 'overridden',
      override_reason: '测试',
      reason: '测试',
      notice_number: `测试〔2026〕${n}号`,
      notice_blob: null,
      decided_by: 'test',
      decided_at: NOW,
    })
    .execute();
}

describe.each(dialectsUnderTest())('public notice page bound on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    for (let i = 1; i <= 55; i++) await activeEpisodeRow(t.db, String(130400 + i), i);
    app = await buildApp({
      db: t.db,
      clock: { now: () => NOW },
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('lists at most 50 warnings and computes the answer once per interval', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/public/warnings' });
    expect(first.statusCode).toBe(200);
    expect(first.json().warnings).toHaveLength(50);
    expect(first.json().truncated).toBe(true);
    await t.db.kysely.deleteFrom('warning_decisions').execute();
    await t.db.kysely.deleteFrom('warning_episodes').execute();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => app.inject({ method: 'GET', url: '/api/public/warnings' })),
    );
    for (const a of answers) {
      expect(a.statusCode).toBe(200);
      expect(a.json().warnings).toHaveLength(50);
    }
    const html = await app.inject({ method: 'GET', url: '/public/warnings' });
    expect(html.headers['cache-control']).toBe('public, max-age=30');
    expect(html.body).toContain('仅列出部分');
  });
});
