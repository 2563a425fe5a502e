/** Fixtures of the public-reporting tests: the app with its accounts, forms, counts of what is stored. */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { upsertRegions } from '../src/air/region-repo.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import type { Clock } from '../src/clock.ts';
import type { Db } from '../src/store/db.ts';
import { DEFAULT_TIPOFF_CONFIG, type TipoffConfig } from '../src/tipoffs/tipoff-config.ts';

export const PW = 'Lantian-test-2020';
/** A 1×1 PNG. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
/** Inside 武安市 (its centroid in the map data, GCJ-02). */
export const WUAN = { lon: 114.052008, lat: 36.742816 };
/** 2026-03-02 08:00 Asia/Shanghai. */
export const T0 = Date.UTC(2026, 2, 2);

/** The settings of the tests: small limits, a fixed key. */
export function testConfig(over: Partial<TipoffConfig> = {}): TipoffConfig {
  return {
    ...DEFAULT_TIPOFF_CONFIG,
    challengeSecret: 'test-secret-0123456789abcdef',
    maxPerIp: 3,
    maxPerPhone: 3,
    maxAttemptsPerIp: 40,
    maxImageBytes: 64 * 1024,
    maxVideoBytes: 128 * 1024,
    ...over,
  };
}

/** The app, its accounts and its blob folder. */
export interface TipoffApp {
  app: FastifyInstance;
  blobDir: string;
  close(): Promise<void>;
}

/** Regions, accounts (admin, 武安 and 成安 counties, the ecology bureau) and the app. */
export async function buildTipoffApp(
  db: Db,
  clock: Clock,
  config: TipoffConfig,
  web: false | object = false,
): Promise<TipoffApp> {
  await upsertRegions(
    db,
    [
      { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
      { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
      { adcode: '130424', name: '成安县', parentAdcode: '130400', level: 'county' },
    ],
    0,
  );
  const ctx = { actor: 'test', ip: null };
  const users: Array<[string, string, Record<string, string>]> = [
    ['admin', 'city-admin', {}],
    ['wuan', 'county', { regionAdcode: '130481' }],
    ['chengan', 'county', { regionAdcode: '130424' }],
    ['ecology', 'department', { department: '市生态环境局' }],
  ];
  for (const [username, role, binding] of users)
    await createUser(db, clock, ctx, {
      username,
      role,
      password: PW,
      mustChangePassword: false,
      ...binding,
    } as never);
  const blobDir = mkdtempSync(join(tmpdir(), 'lt-tipoffs-'));
  const app = await buildApp({
    db,
    clock,
    logLevel: false,
    auth: {
      ...DEFAULT_AUTH_CONFIG,
      sessionIdleMs: 400 * 86_400_000,
      sessionAbsoluteMs: 400 * 86_400_000,
    },
    web: web as never,
    blobs: new DiskBlobStore(blobDir),
    tipoffs: config,
  });
  return {
    app,
    blobDir,
    async close() {
      await app.close();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body with fields and files (parts named `file`). */
export function form(fields: Record<string, string | number | undefined>, files: Buffer[] = []) {
  const b = `----lantian${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    if (v !== undefined)
      parts.push(
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      );
  files.forEach((data, i) =>
    parts.push(
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="f${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      data,
      Buffer.from('\r\n'),
    ),
  );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
}

/** Fetches a challenge from `ip` and answers it: the two form fields. */
export async function solved(app: FastifyInstance, ip: string): Promise<Record<string, string>> {
  const res = await app.inject({
    method: 'GET',
    url: '/api/public/tipoffs/challenge',
    remoteAddress: ip,
  });
  if (res.statusCode !== 200) throw new Error(`challenge: ${res.statusCode} ${res.body}`);
  const c = res.json() as { question: string; token: string };
  const [a, b] = c.question.match(/\d+/g)!.map(Number);
  return { challengeToken: c.token, challengeAnswer: String(a! + b!) };
}

/** Rows of the domain's tables and files under the blob folder. */
export async function storedCounts(db: Db, blobDir: string): Promise<Record<string, number>> {
  const n = async (t: 'tipoffs' | 'tipoff_files' | 'tipoff_events') =>
    Number(
      (
        await db.kysely
          .selectFrom(t)
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  let blobs = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else blobs++;
    }
  };
  walk(blobDir);
  return {
    tipoffs: await n('tipoffs'),
    files: await n('tipoff_files'),
    events: await n('tipoff_events'),
    blobs,
  };
}
