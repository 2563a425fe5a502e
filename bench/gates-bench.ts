/**
 * Gate passages under load: G gates (default 200) post passages at R a second in total (default
 * 10) for S seconds (default 60) to POST /api/gate-api/passages (multipart, the gate's Bearer
 * credential, field `record` and photos photo_body/photo_front/photo_plate of K KB each, default
 * 200), against an in-process server over a temporary SQLite store and photo directory. Two phases
 * in the same run: the baseline (the same posts without photos), then with photos. Reports per
 * phase the latency (p50, p99, max), errors, and the growth of the store (DB file with WAL) and of
 * the photo directory, with the ratio of the photo phase to the baseline.
 *
 *   npx tsx bench/gates-bench.ts [--gates 200] [--rate 10] [--seconds 60] [--photo-kb 200] [--short]
 * --short runs 10 s per phase. Gates are written as rows with hashSecret(credential) (the core's
 * registration service may replace this).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { upsertRegions } from '../src/air/region-repo.ts';
import { buildApp } from '../src/app.ts';
import { hashSecret } from '../src/auth/secret-token.ts';
import { credentialHint, newGateCredential } from '../src/gates/gate-credential.ts';
import { systemClock } from '../src/clock.ts';
import { openStore, type Db } from '../src/store/db.ts';

const { values: args } = parseArgs({
  options: {
    gates: { type: 'string', default: '200' },
    rate: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '60' },
    'photo-kb': { type: 'string', default: '200' },
    short: { type: 'boolean', default: false },
  },
});
const GATES = Number(args.gates);
const RATE = Number(args.rate);
const SECONDS = args.short ? 10 : Number(args.seconds);
const PHOTO_BYTES = Number(args['photo-kb']) * 1024;
const PER_ENTERPRISE = 4;

/** Bytes under a directory (recursively); 0 when absent. */
function duSize(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, f) => n + duSize(join(path, f)), 0);
}

/** The DB file with its WAL and shared-memory files. */
function dbSize(file: string): number {
  return [file, `${file}-wal`, `${file}-shm`].reduce((n, f) => n + duSize(f), 0);
}

/** Regions, enterprises and gates with their credentials. */
async function seed(db: Db): Promise<Array<{ credential: string }>> {
  const now = Date.now();
  await upsertRegions(
    db,
    [
      { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
      { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
    ],
    now,
  );
  const out: Array<{ credential: string }> = [];
  for (let e = 0; e < Math.ceil(GATES / PER_ENTERPRISE); e++) {
    const { id } = await db.kysely
      .insertInto('enterprises')
      .values({
        credit_code: `91130481MA${String(e).padStart(7, '0')}X`,
        name: `压测企业 ${e + 1}`,
        region_adcode: '130481',
        address: null,
        lon: null,
        lat: null,
        industry: 'steel',
        categories: '[]',
        grade: null,
        grade_edition: null,
        grade_date: null,
        positive_list: 0,
        positive_reason: null,
        positive_until: null,
        guarantee: 0,
        guarantee_reason: null,
        guarantee_until: null,
        key_discharger: 1,
        simulated: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let g = 0; g < PER_ENTERPRISE && out.length < GATES; g++) {
      const credential = newGateCredential();
      await db.kysely
        .insertInto('gates')
        .values({
          enterprise_id: id,
          name: `${g + 1}号门`,
          direction: 'both',
          lon: null,
          lat: null,
          token_hash: hashSecret(credential),
          token_hint: credentialHint(credential),
          enabled: 1,
          expected_hours: '[0,24]',
          created_by: 'bench',
          created_at: now,
          updated_at: now,
          last_seen_at: null,
        })
        .execute();
      out.push({ credential });
    }
  }
  return out;
}

/** A JPEG-looking photo of `bytes` bytes, different each time (no sharing by content). */
function photo(bytes: number): Blob {
  const b = randomBytes(bytes);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  b[3] = 0xe0;
  b[bytes - 2] = 0xff;
  b[bytes - 1] = 0xd9;
  return new Blob([b], { type: 'image/jpeg' });
}

let seq = 0;
/** The first refusal seen, printed so that a failing run says why. */
let firstFailure: string | undefined;

/** One post; returns the latency in ms, or null on a failure. */
async function post(url: string, credential: string, withPhotos: boolean): Promise<number | null> {
  const n = ++seq;
  const form = new FormData();
  form.set(
    'record',
    JSON.stringify({
      recordId: `bench-${n}`,
      time: new Date().toISOString(),
      direction: n % 2 ? 'in' : 'out',
      plate: `冀D${String(n % 100_000).padStart(5, '0')}`,
      plateColour: 'yellow',
      emissionStage: String(3 + (n % 4)),
      fuel: '柴油',
      goods: '铁矿石',
      quantityT: 32.5,
      fleet: '自有',
    }),
  );
  if (withPhotos)
    for (const k of ['photo_body', 'photo_front', 'photo_plate'])
      form.set(k, photo(PHOTO_BYTES), `${k}.jpg`);
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/api/gate-api/passages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}` },
      body: form,
    });
    const body = await res.text();
    if (!res.ok && firstFailure === undefined)
      firstFailure = `HTTP ${res.status} ${body.slice(0, 200)}`;
    return res.ok ? performance.now() - t0 : null;
  } catch {
    return null;
  }
}

const pct = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** One phase: RATE posts a second for SECONDS, spread over the gates. */
async function phase(
  url: string,
  gates: Array<{ credential: string }>,
  withPhotos: boolean,
  sizes: () => { db: number; photos: number },
): Promise<{
  p50: number;
  p99: number;
  max: number;
  ok: number;
  failed: number;
  dbBytes: number;
  photoBytes: number;
}> {
  const before = sizes();
  const latencies: number[] = [];
  let failed = 0;
  const pending: Array<Promise<void>> = [];
  const total = RATE * SECONDS;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      post(url, gates[i % gates.length]!.credential, withPhotos).then((ms) => {
        if (ms === null) failed++;
        else latencies.push(ms);
      }),
    );
  }
  await Promise.all(pending);
  const after = sizes();
  latencies.sort((a, b) => a - b);
  return {
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    ok: latencies.length,
    failed,
    dbBytes: after.db - before.db,
    photoBytes: after.photos - before.photos,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-gates-bench-'));
  const dbFile = join(dir, 'bench.db');
  const photoDir = join(dir, 'gate-photos');
  process.env.LANTIAN_GATE_PHOTO_DIR = photoDir;
  const db = await openStore({ sqlitePath: dbFile });
  const app = await buildApp({ db, clock: systemClock, logLevel: false, web: false });
  try {
    const gates = await seed(db);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const sizes = () => ({ db: dbSize(dbFile), photos: duSize(photoDir) });
    process.stdout.write(
      `门禁压测：${GATES} 个门禁，合计每秒 ${RATE} 条，每阶段 ${SECONDS} 秒，每条 3 张 ${PHOTO_BYTES / 1024} KB 照片\n`,
    );
    const base = await phase(url, gates, false, sizes);
    const withPhotos = await phase(url, gates, true, sizes);
    const row = (name: string, r: typeof base) =>
      `${name.padEnd(10)} p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  max ${r.max.toFixed(1)} ms  成功 ${r.ok}  失败 ${r.failed}  库增长 ${(r.dbBytes / 1048576).toFixed(1)} MB  照片目录增长 ${(r.photoBytes / 1048576).toFixed(1)} MB\n`;
    process.stdout.write(row('无照片', base));
    process.stdout.write(row('含照片', withPhotos));
    if (firstFailure) process.stdout.write(`首个失败：${firstFailure}\n`);
    process.stdout.write(
      `p99 比值（含照片 / 无照片）：${(withPhotos.p99 / base.p99).toFixed(2)}；每秒磁盘增长：${((withPhotos.dbBytes + withPhotos.photoBytes) / SECONDS / 1048576).toFixed(2)} MB/s\n`,
    );
  } finally {
    await app.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
