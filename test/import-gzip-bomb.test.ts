/**
 * A `.gz` import is unpacked with a bound (issue 15, "every archive Lantian reads gets limits on
 * unpacked size"): a generated gzip bomb — a few hundred kilobytes that unpack to 128 MiB of CSV
 * rows — is refused with LT_ERR_IMPORT_TOO_LARGE at LANTIAN_IMPORT_MAX_UNPACKED_MB, through the
 * CLI as a user runs it, on every dialect, and nothing is written. A file under the limit loads.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, LantianError } from '../src/errors.ts';
import { readTextFile } from '../src/imports/text-file.ts';
import { seedRegions } from './plan-fixtures.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const MiB = 1024 * 1024;
const BOMB_BYTES = 128 * MiB;

/** Writes a gzip of a CSV header and rows repeated to `unpacked` bytes, streaming (no big buffer). */
async function writeBomb(path: string, unpacked: number): Promise<void> {
  const row = '1047A,2021-01-01 00:00,PM2.5,50\n';
  const piece = Buffer.from(row.repeat(Math.floor(MiB / row.length)));
  async function* rows(): AsyncGenerator<Buffer> {
    yield Buffer.from('station,time,pollutant,value\n');
    for (let n = 0; n < unpacked; n += piece.length) yield piece;
  }
  await pipeline(Readable.from(rows()), createGzip(), createWriteStream(path));
}

let dir: string;
let bomb: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantian-gzbomb-'));
  bomb = join(dir, 'bomb.csv.gz');
  await writeBomb(bomb, BOMB_BYTES);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bounded gunzip of imported files', () => {
  it('stops at the limit with LT_ERR_IMPORT_TOO_LARGE, using memory near the limit only', () => {
    expect(statSync(bomb).size).toBeLessThan(BOMB_BYTES / 100);
    const before = process.memoryUsage().rss;
    let err: unknown;
    try {
      readTextFile(bomb, { maxUnpackedBytes: 4 * MiB });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LantianError);
    expect((err as LantianError).code).toBe('LT_ERR_IMPORT_TOO_LARGE');
    expect((err as LantianError).message).toContain('bomb.csv.gz');
    // Far below the 128 MiB the bomb unpacks to.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * MiB);
  });

  it('reads a gzip under the limit as before', () => {
    const p = join(dir, 'small.csv.gz');
    const text = 'station,time,pollutant,value\n1047A,2021-01-01 00:00,PM2.5,50\n';
    writeFileSync(p, gzipSync(text));
    expect(readTextFile(p, { maxUnpackedBytes: text.length })).toBe(text);
    expect(() => readTextFile(p, { maxUnpackedBytes: text.length - 1 })).toThrow(
      /解压后超过 \d+ 字节/,
    );
  });
});

describe.each(dialectsUnderTest())('gzip bomb through the CLI on %s', (dialect) => {
  let t: TestStore;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedRegions(t.db);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('refuses `import csv bomb.csv.gz` with the code and the setting, and writes nothing', async () => {
    const r = await runCli(['import', 'csv', bomb, '-q'], {
      ...t.env,
      LANTIAN_CLI_BUILD: 'off',
      LANTIAN_IMPORT_MAX_UNPACKED_MB: '8',
    });
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toContain('LT_ERR_IMPORT_TOO_LARGE');
    expect(r.stderr).toContain('LANTIAN_IMPORT_MAX_UNPACKED_MB');
    for (const table of ['data_sources', 'import_issues'] as const) {
      expect(await t.db.kysely.selectFrom(table).selectAll().execute()).toEqual([]);
    }
  }, 60_000);
});
